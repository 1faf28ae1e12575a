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

static inline int cm_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cm_attr_bold(void) { return A_BOLD; }
static inline int cm_attr_reverse(void) { return A_REVERSE; }
static inline int cm_attr_underline(void) { return A_UNDERLINE; }
static inline int cm_attr_dim(void) { return A_DIM; }
static inline int cm_lines(void) { return LINES; }
static inline int cm_cols(void) { return COLS; }
static inline WINDOW *cm_stdscr(void) { return stdscr; }
static inline int cm_key_resize(void) { return KEY_RESIZE; }
static inline int cm_key_code_yes(void) { return KEY_CODE_YES; }
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

/// Reads one key as a wide character or a key code; returns KEY_CODE_YES for a key code.
static inline int cm_get_wch(wint_t *out) { return get_wch(out); }

#endif
