/*
 * Terminal restoration. Everything the handler needs is prepared before
 * any signal can arrive, so it only calls write, tcsetattr, sigaction and
 * raise, all async-signal-safe.
 */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"
#include "tty.h"
#include "xalloc.h"

static int tty_fd = -1;
static struct termios saved_modes;
static bool have_modes;
static char undo_bytes[512];
static size_t undo_len;
static volatile sig_atomic_t restored;

static const int caught[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT
};
#define NCAUGHT (sizeof caught / sizeof *caught)
static struct sigaction previous[NCAUGHT];

bool
tty_save(int fd)
{
	tty_fd = fd;
	have_modes = tcgetattr(fd, &saved_modes) == 0;
	return have_modes;
}

static void
restore(void)
{
	ssize_t w;
	size_t off = 0;

	if (restored)
		return;
	restored = 1;
	while (off < undo_len) {
		w = write(tty_fd, undo_bytes + off, undo_len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (have_modes)
		tcsetattr(tty_fd, TCSANOW, &saved_modes);
}

static void
on_signal(int sig)
{
	struct sigaction sa;

	restore();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	/* Die of the same signal, so the parent sees what happened. */
	raise(sig);
}

void
tty_install(const char *undo)
{
	struct sigaction sa;
	size_t i;

	undo_len = strlen(undo);
	if (undo_len >= sizeof undo_bytes)
		undo_len = sizeof undo_bytes - 1;
	memcpy(undo_bytes, undo, undo_len);
	restored = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &sa, &previous[i]);
}

void
tty_uninstall(void)
{
	size_t i;

	for (i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &previous[i], NULL);
	restored = 1;
}

void
tty_restore_now(void)
{
	restore();
}

bool
tty_can_browse(int fd, const char **why)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(fd)) {
		*why = _("not a terminal");
		return false;
	}
	if (term == NULL || *term == '\0') {
		*why = _("TERM is not set");
		return false;
	}
	if (strcmp(term, "dumb") == 0) {
		*why = _("the terminal is 'dumb'");
		return false;
	}
	if (setupterm(NULL, fd, &err) != OK) {
		*why = _("the terminal type is unknown");
		return false;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		*why = _("the terminal cannot move the cursor");
		return false;
	}
	return true;
}

char *
tty_undo_sequence(void)
{
	static const char *const caps[] = { "rmcup", "cnorm", "sgr0", "rmkx" };
	/* Mouse reporting off: xterm's modes, which curses turned on. */
	static const char mouse_off[] = "\033[?1006l\033[?1000l\033[?1002l";
	char buf[512];
	size_t len, i, n;
	char *s;

	memcpy(buf, mouse_off, sizeof mouse_off - 1);
	len = sizeof mouse_off - 1;
	for (i = 0; i < sizeof caps / sizeof *caps; i++) {
		s = tigetstr(caps[i]);
		if (s == NULL || s == (char *)-1)
			continue;
		n = strlen(s);
		if (len + n >= sizeof buf)
			break;
		memcpy(buf + len, s, n);
		len += n;
	}
	buf[len] = '\0';
	return xstrdup(buf);
}
