/*
 * A terminal for the end-to-end tests: runs a real program in a
 * pseudo-terminal, types keys at it and reads the screen back through
 * libvterm, so that a test checks what a person would see (text, colours,
 * cursor, alternate screen) and how the program leaves the terminal.
 *
 * Every call that waits is bounded by a timeout, and a child that has
 * exited or closed the terminal ends a wait early instead of letting it
 * run out: a broken program fails a test, it never hangs the suite.
 */
#ifndef RESPMAP_VT_H
#define RESPMAP_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vt;

/*
 * Start argv[0] (an absolute path; no PATH search) in a new pty of rows x
 * cols. env_extra (NULL-terminated "NAME=value" entries, may be NULL)
 * overrides the inherited environment. TERM is xterm-256color unless
 * env_extra gives one; inherited LINES and COLUMNS are dropped (unless
 * given) because curses would trust them over the pty size. The child's
 * stdin, stdout and stderr are the pty slave, and it is a session leader
 * with the pty as its controlling terminal. Returns NULL when the program
 * cannot be started (including a failed exec). A program named respmap
 * runs under $RESPMAP_WRAPPER when that is set (see test_wrap_argv in
 * testutil.h): make check-valgrind uses it.
 */
struct vt *vt_spawn(const char *const argv[], const char *const env_extra[],
    int rows, int cols);

/* Type raw bytes ("\033[B" for down, "q"). Bounded: gives up after a few
 * seconds if the child never reads, and does nothing once it has gone. */
void vt_send(struct vt *vt, const char *bytes);
void vt_send_n(struct vt *vt, const char *bytes, size_t n);
/*
 * Press a named key the way xterm would encode it at this moment: libvterm
 * follows the modes the child has set, so "down" is ESC O B once curses
 * has turned on application cursor keys (keypad(stdscr, TRUE)) and ESC [ B
 * before; raw "\033[B" would then not be understood. Names: up, down,
 * left, right, home, end, pageup, pagedown, insert, delete, enter, tab,
 * backspace (DEL), escape, f1..f12, or a single character (UTF-8); any of
 * them after prefixes "S-" (shift), "C-" (control), "M-" (meta, sent as
 * ESC first), e.g. "S-tab" (ESC [ Z), "C-l", "M-x". Returns false, sending
 * nothing, for an unknown name.
 */
bool vt_key(struct vt *vt, const char *name);

/* Read output until the screen contains text (UTF-8, within one row) or
 * timeout_ms passes; true when found. Returns early (with the final
 * answer) when the child has closed the terminal. */
bool vt_wait_for(struct vt *vt, const char *text, int timeout_ms);
/* Same, until the screen does not contain text. */
bool vt_wait_gone(struct vt *vt, const char *text, int timeout_ms);
/* Read output until none has arrived for quiet_ms, at most timeout_ms. */
void vt_settle(struct vt *vt, int quiet_ms, int timeout_ms);

/* The whole screen, rows joined with '\n', trailing blanks of each row
 * trimmed; the right half of a wide character adds nothing. Caller frees. */
char *vt_screen(struct vt *vt);
/* One row (0-based), trimmed the same way; NULL when out of range. */
char *vt_row(struct vt *vt, int row);
/* First position of text on the screen (col in cells, both 0-based);
 * returns 0 when found, -1 (row and col untouched) when not. */
int vt_find(struct vt *vt, const char *text, int *row, int *col);

/* One cell as read back. Blank cells read as ch 0, width 1. */
struct vt_cell {
	uint32_t ch;		/* first code point; 0 when blank or the
				 * right half of a wide character */
	int width;		/* 2: left half of a wide character,
				 * 0: its right half, else 1 */
	bool bold, reverse, underline, italic, blink;
	bool fg_default, bg_default;	/* no SGR colour in effect */
	int fg_index, bg_index;	/* palette index, or -1 when RGB (the
				 * defaults are RGB in libvterm) */
	uint8_t fg_rgb[3], bg_rgb[3];	/* always filled; indexed colours
					 * through libvterm's palette */
};
/* Read one cell; false when row/col is off the screen. */
bool vt_cell(struct vt *vt, int row, int col, struct vt_cell *out);
/* Where the cursor is (0-based). */
void vt_cursor(struct vt *vt, int *row, int *col);
/* Is the alternate screen active (as last set by the program)? */
bool vt_altscreen(struct vt *vt);
/* Current size as the harness knows it. */
void vt_size(struct vt *vt, int *rows, int *cols);

/* Resize: output already sent is read at the old size first, then the
 * screen and the pty (the child gets SIGWINCH) change together. */
void vt_resize(struct vt *vt, int rows, int cols);
/* kill(child, sig); nothing once the child has been reaped. */
void vt_signal(struct vt *vt, int sig);
/* Wait for the child to exit, reading its output meanwhile. Returns the
 * status as a shell shows it (128+signal when killed), -1 on timeout.
 * Once reaped, later calls return the same status at once. */
int vt_wait_exit(struct vt *vt, int timeout_ms);
/* Has the child exited (reaped without waiting)? */
bool vt_exited(struct vt *vt);

/* The pty's modes as the child left them: true when ICANON and ECHO are
 * both on. */
bool vt_modes_sane(struct vt *vt);

/* Every byte the child has written since the start or the last reset;
 * NUL-terminated for convenience (the bytes may hold NULs too). */
const char *vt_raw(struct vt *vt, size_t *len);
void vt_raw_reset(struct vt *vt);

/* Kill the child (and its process group) if still running, reap it, close
 * the pty and free everything. NULL is allowed. */
void vt_free(struct vt *vt);

/* ------------------------------------------------- the terminal goes away */

/*
 * Hang up, as when the terminal window is closed or the ssh connection
 * drops: read what is already waiting, then close the master side. The
 * kernel sends SIGHUP to the child (the session leader of the pty) and
 * every later read or write of the slave fails with EIO. The child is
 * neither killed nor reaped: vt_wait_exit then tells whether it noticed.
 * After this, sending does nothing, vt_modes_sane is false, and the
 * screen and raw output stay as they were.
 */
void vt_hangup(struct vt *vt);

/* ------------------------------------------------- waiting on one's own */

/*
 * Read what the child writes: wait up to timeout_ms for output, then take
 * what is there (into the screen and the raw copy). Returns the bytes
 * read, 0 when none came in time, -1 once the child has hung up. For a
 * caller with its own test of "done" (the benchmarks, bench/bench.c, look
 * at a few cells rather than the whole screen after each read), to be
 * called in a loop: it returns as soon as anything arrives.
 */
long vt_read(struct vt *vt, int timeout_ms);

#endif
