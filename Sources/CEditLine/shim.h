// Non-variadic wrappers around libedit for Swift.
//
// Swift does not import C variadic functions (el_set, el_get, history) and, in Swift 6, rejects the C
// globals stdin/stdout/stderr as not concurrency-safe. Each wrapper below fixes one variadic call shape
// so that Swift sees an ordinary typed function. Only <histedit.h> is included: libedit's pkg-config
// flags add its readline-compatibility directory to the include path, and its readline.h/history.h
// would shadow other headers.

#ifndef NETTRIAGE_CEDITLINE_SHIM_H
#define NETTRIAGE_CEDITLINE_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

/// The prompt callback libedit calls on every redraw; the returned string must stay valid until the
/// next call.
typedef char *(*cel_prompt_function)(EditLine *);

/// A user-defined editor command (EL_ADDFN); returns one of the CC_* codes.
typedef unsigned char (*cel_editor_function)(EditLine *, int);

// MARK: - Standard streams

static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }

/// Whether the current LC_CTYPE codeset is UTF-8; libedit decodes multibyte input only then.
static inline int cel_codeset_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// MARK: - el_set / el_get

static inline int cel_set_prompt_esc(EditLine *el, cel_prompt_function prompt, char marker) {
  return el_set(el, EL_PROMPT_ESC, prompt, marker);
}

static inline int cel_set_terminal(EditLine *el, const char *type) {
  return el_set(el, EL_TERMINAL, type);
}

static inline int cel_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

static inline int cel_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

static inline int cel_set_history(EditLine *el, History *history_handle) {
  return el_set(el, EL_HIST, history, history_handle);
}

static inline int cel_add_function(
    EditLine *el, const char *name, const char *help, cel_editor_function function) {
  return el_set(el, EL_ADDFN, name, help, function);
}

/// Binds one key sequence (in bind(1) notation, such as "^I") to an editor command by name.
static inline int cel_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

static inline int cel_set_client_data(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

static inline void *cel_get_client_data(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/// The terminal width libedit is using, or 0 when unknown.
static inline int cel_terminal_columns(EditLine *el) {
  int columns = 0;
  if (el_get(el, EL_GETTC, "co", &columns, (void *)NULL) != 0) return 0;
  return columns;
}

// MARK: - history()

static inline int cel_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

static inline int cel_history_set_unique(History *h, int unique) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, unique);
}

static inline int cel_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

static inline int cel_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

static inline int cel_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}

/// The newest history entry (the history cursor moves to it), or NULL when history is empty.
static inline const char *cel_history_first(History *h) {
  HistEvent event;
  if (history(h, &event, H_FIRST) == -1) return NULL;
  return event.str;
}

/// The entry older than the history cursor (the cursor moves to it), or NULL after the oldest.
static inline const char *cel_history_next(History *h) {
  HistEvent event;
  if (history(h, &event, H_NEXT) == -1) return NULL;
  return event.str;
}

#endif
