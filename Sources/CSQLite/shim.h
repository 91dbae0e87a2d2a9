// Shim over SQLite for Swift: SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot
// import, so binding text that SQLite must copy is wrapped here.
#ifndef MCPTASK_CSQLITE_SHIM_H
#define MCPTASK_CSQLITE_SHIM_H

#include <sqlite3.h>

static inline int mcptask_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text) {
    return sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}

#endif
