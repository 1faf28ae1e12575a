// The parts of ncursesw that Swift cannot import directly (macros, wide-character calls that need
// _XOPEN_SOURCE_EXTENDED), wrapped as static inline functions.
#ifndef CASEMARK_CNCURSESW_SHIM_H
#define CASEMARK_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int cm_attr_bold(void) { return A_BOLD; }
static inline int cm_attr_reverse(void) { return A_REVERSE; }
static inline int cm_attr_underline(void) { return A_UNDERLINE; }
static inline int cm_attr_dim(void) { return A_DIM; }
static inline WINDOW *cm_stdscr(void) { return stdscr; }
static inline WINDOW *cm_curscr(void) { return curscr; }
static inline int cm_key_resize(void) { return KEY_RESIZE; }
static inline void cm_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

/// Writes one UTF-8-decoded character (a base scalar and up to 4 combining marks) at y, x.
static inline int cm_put_wide(int y, int x, const wchar_t *chars, int count, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t buffer[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buffer[i] = chars[i];
    buffer[n] = L'\0';
    if (setcchar(&cell, buffer, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

// ---- Signals: the terminal is restored on every way out --------------------------------------

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/// Set by SIGINT, SIGTERM and SIGHUP: the app leaves its loop and restores the terminal.
static volatile sig_atomic_t cm_stop_requested = 0;
/// Set by SIGCONT: the program was resumed after Ctrl-Z, the screen must be redrawn.
static volatile sig_atomic_t cm_resumed = 0;
static volatile sig_atomic_t cm_curses_active = 0;

static inline void cm_on_stop(int sig) { (void)sig; cm_stop_requested = 1; }
static inline void cm_on_continue(int sig) { (void)sig; cm_resumed = 1; }

/// A crash (a Swift runtime trap, a bad access) must not leave the terminal in raw mode:
/// restore it, then let the signal take its default course.
static inline void cm_on_crash(int sig) {
    if (cm_curses_active) { cm_curses_active = 0; endwin(); }
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Installs the handlers before initscr, so ncurses keeps its own SIGTSTP and SIGWINCH handling
/// but leaves SIGINT and SIGTERM to us. No SA_RESTART: a blocked read returns at once.
static inline void cm_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = cm_on_stop;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = cm_on_continue;
    sigaction(SIGCONT, &action, NULL);
    action.sa_handler = cm_on_crash;
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);
    sigaction(SIGILL, &action, NULL);
    sigaction(SIGTRAP, &action, NULL);
    sigaction(SIGFPE, &action, NULL);
    sigaction(SIGABRT, &action, NULL);
    // A program that starts casemark may have left signals blocked (a blocked mask survives exec):
    // unblock the ones the terminal needs to reach it, or Ctrl-C, Ctrl-Z and resizing would be lost.
    sigset_t needed;
    sigemptyset(&needed);
    int wanted[] = { SIGINT, SIGTERM, SIGHUP, SIGCONT, SIGTSTP, SIGWINCH };
    for (unsigned i = 0; i < sizeof wanted / sizeof wanted[0]; i++) sigaddset(&needed, wanted[i]);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
}

static inline void cm_restore_default_signal_handlers(void) {
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], SIG_DFL);
}

static inline int cm_take_stop_request(void) { return cm_stop_requested != 0; }
static inline int cm_take_resumed(void) { int was = cm_resumed != 0; cm_resumed = 0; return was; }
static inline void cm_set_curses_active(int active) { cm_curses_active = active; }

static inline void cm_atexit_endwin_handler(void) { if (cm_curses_active) { cm_curses_active = 0; endwin(); } }
/// Registers (once) an exit handler that restores the terminal if the program exits while curses
/// is active.
static inline void cm_register_atexit(void) {
    static int registered = 0;
    if (!registered) { registered = 1; atexit(cm_atexit_endwin_handler); }
}

static inline int cm_key_f0(void) { return KEY_F0; }
static inline int cm_err(void) { return ERR; }

#endif
