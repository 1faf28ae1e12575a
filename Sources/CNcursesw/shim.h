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
#include <unistd.h>

/// Set by a signal that asks the program to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT, ...): the app
/// leaves its loop and restores the terminal.
static volatile sig_atomic_t cm_stop_requested = 0;
/// Set by SIGCONT: the program was resumed after Ctrl-Z, the screen must be redrawn.
static volatile sig_atomic_t cm_resumed = 0;
static volatile sig_atomic_t cm_curses_active = 0;
/// Set by SIGINT (Ctrl-C): delivered to the app as a key, so typing is never lost unasked.
static volatile sig_atomic_t cm_interrupt_requested = 0;

/// Bracketed paste on and off (xterm's mode 2004): on while curses runs, off on every way out.
static inline void cm_bracketed_paste(int on) {
    static const char enable[] = "\033[?2004h";
    static const char disable[] = "\033[?2004l";
    // write(2): safe in a signal handler, and after endwin has flushed curses' own output.
    ssize_t ignored = on ? write(1, enable, sizeof enable - 1) : write(1, disable, sizeof disable - 1);
    (void)ignored;
}
/// endwin, then bracketed paste off: the restore of every way out.
static inline void cm_restore_terminal(void) { endwin(); cm_bracketed_paste(0); }

/// Every catchable signal whose default action ends the process without a crash: each is taken
/// as a request to quit, so the terminal is restored and nothing is printed over the screen.
/// SIGQUIT (Ctrl-\) among them: its default dumps core, and Swift's runtime answers it with a
/// backtrace drawn over the marking screen.
static const int cm_stop_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
    SIGPOLL,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
/// The signals of a crash: the terminal is restored, then the signal takes its default course.
static const int cm_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS };

#define CM_COUNT(array) ((int)(sizeof array / sizeof array[0]))
static inline int cm_stop_signal_count(void) { return CM_COUNT(cm_stop_signals); }
static inline int cm_stop_signal(int index) { return cm_stop_signals[index]; }
static inline int cm_crash_signal_count(void) { return CM_COUNT(cm_crash_signals); }
static inline int cm_crash_signal(int index) { return cm_crash_signals[index]; }

/// The actions in place before casemark's, restored when the terminal is: whatever the runtime or
/// the program had (Swift's backtracer, an ignored SIGPIPE) comes back.
static inline struct sigaction *cm_previous_action(int sig) {
    static struct sigaction saved[NSIG];
    return &saved[sig];
}
static volatile sig_atomic_t cm_saved_actions = 0;

static inline void cm_on_stop(int sig) {
    if (sig == SIGINT) cm_interrupt_requested = 1; else cm_stop_requested = 1;
}
static inline void cm_on_continue(int sig) { (void)sig; cm_resumed = 1; }

/// A crash (a Swift runtime trap, a bad access) must not leave the terminal in raw mode:
/// restore it, then let the signal take its default course.
static inline void cm_on_crash(int sig) {
    if (cm_curses_active) { cm_curses_active = 0; cm_restore_terminal(); }
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void cm_install(int sig, struct sigaction *action) {
    if (!cm_saved_actions) sigaction(sig, action, cm_previous_action(sig));
    else sigaction(sig, action, NULL);
}

/// Installs the handlers before initscr, so ncurses keeps its own SIGTSTP and SIGWINCH handling
/// but leaves the others to us. No SA_RESTART: a blocked read returns at once.
static inline void cm_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = cm_on_stop;
    for (int i = 0; i < CM_COUNT(cm_stop_signals); i++) cm_install(cm_stop_signals[i], &action);
    action.sa_handler = cm_on_continue;
    cm_install(SIGCONT, &action);
    action.sa_handler = cm_on_crash;
    action.sa_flags = SA_RESETHAND;
    for (int i = 0; i < CM_COUNT(cm_crash_signals); i++) cm_install(cm_crash_signals[i], &action);
    cm_saved_actions = 1;
    // A program that starts casemark may have left signals blocked (a blocked mask survives exec):
    // unblock the ones the terminal needs to reach it, or Ctrl-C, Ctrl-Z and resizing would be lost.
    sigset_t needed;
    sigemptyset(&needed);
    for (int i = 0; i < CM_COUNT(cm_stop_signals); i++) sigaddset(&needed, cm_stop_signals[i]);
    int wanted[] = { SIGCONT, SIGTSTP, SIGWINCH };
    for (int i = 0; i < CM_COUNT(wanted); i++) sigaddset(&needed, wanted[i]);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
}

/// Puts back the actions `cm_install_signal_handlers` replaced.
static inline void cm_restore_default_signal_handlers(void) {
    if (!cm_saved_actions) return;
    cm_saved_actions = 0;
    for (int i = 0; i < CM_COUNT(cm_stop_signals); i++) sigaction(cm_stop_signals[i], cm_previous_action(cm_stop_signals[i]), NULL);
    for (int i = 0; i < CM_COUNT(cm_crash_signals); i++) sigaction(cm_crash_signals[i], cm_previous_action(cm_crash_signals[i]), NULL);
    sigaction(SIGCONT, cm_previous_action(SIGCONT), NULL);
}

static inline int cm_take_stop_request(void) { return cm_stop_requested != 0; }
static inline int cm_take_interrupt(void) { int was = cm_interrupt_requested != 0; cm_interrupt_requested = 0; return was; }
static inline int cm_take_resumed(void) { int was = cm_resumed != 0; cm_resumed = 0; return was; }
static inline void cm_set_curses_active(int active) { cm_curses_active = active; }

static inline void cm_atexit_endwin_handler(void) { if (cm_curses_active) { cm_curses_active = 0; cm_restore_terminal(); } }
/// Registers (once) an exit handler that restores the terminal if the program exits while curses
/// is active.
static inline void cm_register_atexit(void) {
    static int registered = 0;
    if (!registered) { registered = 1; atexit(cm_atexit_endwin_handler); }
}

// ---- Mouse: a click (button 1) and the wheel (buttons 4 and 5) ------------------------------
static inline int cm_key_mouse(void) { return KEY_MOUSE; }
/// Asks for clicks and the wheel; 0 when the terminal has no mouse.
static inline int cm_enable_mouse(void) {
    mouseinterval(0);
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    return mousemask(wanted, NULL) != 0;
}
/// The event behind a KEY_MOUSE: 1 click, 4 wheel up, 5 wheel down, 0 anything else; -1 none.
static inline int cm_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x; *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

static inline int cm_key_f0(void) { return KEY_F0; }
static inline int cm_err(void) { return ERR; }

#endif
