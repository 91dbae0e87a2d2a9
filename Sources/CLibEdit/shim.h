// Shim over libedit for Swift: the readline header uses FILE without including <stdio.h>, and
// Swift cannot call C variadic functions nor touch mutable C globals in Swift 6 mode, so the few
// uses are wrapped here as static inline functions.
#ifndef MCPTASK_CLIBEDIT_SHIM_H
#define MCPTASK_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>
#include <histedit.h>

static inline char *mcptask_readline(const char *prompt) { return readline(prompt); }
static inline void mcptask_add_history(const char *line) { add_history(line); }
static inline int mcptask_read_history(const char *path) { return read_history(path); }
static inline int mcptask_write_history(const char *path) { return write_history(path); }
static inline void mcptask_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void mcptask_set_completion_entry(rl_compentry_func_t *function) {
    rl_completion_entry_function = function;
}
static inline void mcptask_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}
static inline void mcptask_free(void *pointer) { free(pointer); }

#endif
