/*
 * Leaving the terminal as it was found, whatever happens: on a normal exit,
 * on SIGINT, SIGTERM, SIGHUP and SIGQUIT, on a fatal signal (a crash must
 * not leave a user in raw mode on the alternate screen), and when memory
 * runs out. The signal path only uses async-signal-safe calls: it writes
 * precomputed bytes and restores the saved termios, then re-raises.
 */
#ifndef RESPMAP_TTY_H
#define RESPMAP_TTY_H

#include <stdbool.h>

/* Can a full-screen program run on fd's terminal? When not, *why says
 * why (a static, translated string). */
bool tty_can_browse(int fd, const char **why);
/* The bytes that undo what curses sets up (leave the alternate screen,
 * show the cursor, plain attributes, mouse and keypad modes off), for
 * the signal handler; call once curses has started. Caller frees. */
char *tty_undo_sequence(void);

/* Save the terminal's modes; call before curses starts. */
bool tty_save(int fd);
/* Install the handlers; call once curses has started, with the bytes
 * that undo its set-up (leave the alternate screen, cursor visible...). */
void tty_install(const char *undo);
/* Undo the handlers; curses' endwin has restored the rest. */
void tty_uninstall(void);
/* Restore from outside a signal handler (fatal allocation failure). */
void tty_restore_now(void);

#endif
