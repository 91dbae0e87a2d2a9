// Shim over libedit for Swift: the readline header uses FILE without including <stdio.h>, and
// Swift cannot call C variadic functions nor touch mutable C globals in Swift 6 mode, so the few
// uses are wrapped here as static inline functions.
#ifndef MCPTASK_CLIBEDIT_SHIM_H
#define MCPTASK_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <editline/readline.h>
#include <histedit.h>

static inline char *mcptask_readline(const char *prompt) { return readline(prompt); }
static inline void mcptask_add_history(const char *line) { add_history(line); }
static inline int mcptask_read_history(const char *path) { return read_history(path); }
static inline int mcptask_write_history(const char *path) { return write_history(path); }
static inline void mcptask_stifle_history(int max) { stifle_history(max); }
static inline void mcptask_clear_history(void) { clear_history(); }
static inline void mcptask_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void mcptask_set_completion_entry(rl_compentry_func_t *function) {
    rl_completion_entry_function = function;
}
static inline void mcptask_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}
static inline void mcptask_free(void *pointer) { free(pointer); }

/// Before the first readline: characters come from `getc` (which multiplexes the terminal with wake-ups),
/// the editor draws on standard error, installs no signal handlers of its own (the program routes Ctrl-C),
/// and a completion word is a whole shell word (`name=value` included).
static inline void mcptask_configure(int (*getc)(FILE *)) {
    setlocale(LC_CTYPE, "");
    rl_getc_function = getc;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_instream = stdin;
    rl_outstream = stderr;
    rl_basic_word_break_characters = " \t\n";
    rl_completer_word_break_characters = (char *)" \t\n";
}

/// Redraws the prompt and the line being edited, from the start of the current terminal line.
static inline void mcptask_redisplay(void) { rl_forced_update_display(); }
static inline void mcptask_resize(void) { rl_resize_terminal(); }

/// What the completion callback needs to set: no fallback to file names, and what follows a sole match.
static inline void mcptask_completion_over(void) { rl_attempted_completion_over = 1; }
static inline void mcptask_set_append_character(int character) { rl_completion_append_character = character; }
/// The line up to the cursor while a completion runs (libedit updates both just before calling back).
static inline const char *mcptask_line_buffer(void) { return rl_line_buffer; }
static inline int mcptask_point(void) { return rl_point; }
static inline char **mcptask_completion_matches(const char *text, rl_compentry_func_t *generator) {
    return rl_completion_matches(text, generator);
}

#endif
