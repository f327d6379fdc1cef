/*
 * The end-to-end tests' terminal: a pseudo-terminal whose master side we
 * hold, with libvterm interpreting everything the child writes, so tests
 * can ask what is on the screen rather than pattern-match escape codes.
 *
 * All reading goes through pump(): poll the master with a timeout, read
 * what is there, keep a raw copy, feed libvterm, and write back whatever
 * libvterm answers (device attributes, cursor reports) so a program that
 * queries its terminal does not wait forever. Nothing here sleeps for a
 * fixed time to "let the program draw"; waits end as soon as the screen
 * says so, or when the child hangs up.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#include "text.h"
#include "testutil.h"
#include "vt.h"
#include "xalloc.h"

extern char **environ;

/* How long vt_send keeps trying to push bytes into a child not reading.
 * This and DRAIN_MAX_MS are stretched by test_ms (a child under valgrind
 * is slow to read and to write). */
#define SEND_TIMEOUT_MS	5000
/* Most bytes one pump() takes before the caller gets to look again, so a
 * flood of output cannot starve the check for the awaited text. */
#define PUMP_MAX	(64 * 1024)
/* While waiting for an exit that the pty cannot signal (a grandchild may
 * keep the slave open), how often to ask waitpid. */
#define EXIT_POLL_MS	10
/* Longest drain() of output already waiting. */
#define DRAIN_MAX_MS	500
/*
 * An EIO from the master is a hang-up only when it lasts this long with
 * no data in between, retried every EIO_RETRY_MS. Linux (seen with 6.18)
 * answers EIO once the slave is closed even while the last writes of the
 * child are still on their way to the master: a retry some 20 ms later
 * returns another 4 KB. Taking the first EIO for the end lost the tail of
 * the output in about one run in ten; with a grace of 20 ms, none was
 * lost in 1500 runs, idle or with every CPU busy. Not stretched by
 * test_ms: the late bytes are the kernel's, the child has already gone.
 */
#define HANGUP_GRACE_MS	50
#define EIO_RETRY_MS	5

struct vt {
	pid_t		 pid;
	int		 master;
	bool		 hungup;	/* the master read EOF/EIO: no slave
					 * left open, no more output */
	long long	 eio_since;	/* first EIO not yet a hang-up, or 0 */
	bool		 reaped;
	int		 status;	/* shell-style, once reaped */
	VTerm		*term;
	VTermScreen	*screen;
	bool		 altscreen;
	int		 rows, cols;
	char		*raw;		/* NUL-terminated */
	size_t		 rawlen, rawcap;
	char		*reply;		/* libvterm's answers not yet sent */
	size_t		 replylen, replycap;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
ms_left(long long deadline)
{
	long long left = deadline - now_ms();

	if (left <= 0)
		return 0;
	return left > 1000000 ? 1000000 : (int)left;
}

/*
 * libvterm calls this while it parses the child's output; writing to the
 * master from inside the parse would let a full pty block us, so the
 * answer is queued and sent by flush_replies().
 */
static void
on_output(const char *s, size_t len, void *user)
{
	struct vt *vt = user;

	vt->reply = xgrow(vt->reply, &vt->replycap, vt->replylen + len, 1);
	memcpy(vt->reply + vt->replylen, s, len);
	vt->replylen += len;
}

/*
 * The screen layer passes every terminal property here after acting on it
 * itself. A zero return means "refused": libvterm's state layer then does
 * not record the property, and (seen with 0.1.4) no longer erases the
 * alternate screen on entering it, so a second ?1049h would show stale
 * cells. Always accept.
 */
static int
on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;

	if (prop == VTERM_PROP_ALTSCREEN)
		vt->altscreen = val->boolean != 0;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_settermprop,
};

static int
shell_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/* Reap the child if it has exited; true once it has been reaped. */
static bool
try_reap(struct vt *vt)
{
	int status;
	pid_t r;

	if (vt->reaped)
		return true;
	do
		r = waitpid(vt->pid, &status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == vt->pid) {
		vt->reaped = true;
		vt->status = shell_status(status);
	} else if (r < 0) {
		/* Not our child any more (cannot happen unless someone else
		 * reaped it): treat as gone rather than waiting forever. */
		vt->reaped = true;
		vt->status = -1;
	}
	return vt->reaped;
}

static void
flush_replies(struct vt *vt)
{
	ssize_t w;

	while (vt->replylen > 0 && !vt->hungup) {
		w = write(vt->master, vt->reply, vt->replylen);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;	/* EAGAIN: retried on the next pump */
		memmove(vt->reply, vt->reply + w, vt->replylen - (size_t)w);
		vt->replylen -= (size_t)w;
	}
}

/* Keep a raw copy of output and let libvterm interpret it. */
static void
take(struct vt *vt, const char *buf, size_t n)
{
	vt->raw = xgrow(vt->raw, &vt->rawcap, vt->rawlen + n + 1, 1);
	memcpy(vt->raw + vt->rawlen, buf, n);
	vt->rawlen += n;
	vt->raw[vt->rawlen] = '\0';
	vterm_input_write(vt->term, buf, n);
}

/*
 * Wait up to timeout_ms for output, then read what is there (up to
 * PUMP_MAX). Returns the number of bytes read, 0 when none came in time,
 * -1 once the child has hung up (every slave descriptor closed) and no
 * more output can come.
 */
static long
pump(struct vt *vt, int timeout_ms)
{
	struct pollfd pfd;
	char buf[4096];
	long total = 0;
	ssize_t r;
	int n;

	if (vt->hungup)
		return -1;
	flush_replies(vt);
	if (vt->eio_since != 0) {
		/* Within the grace after an EIO: the master polls ready
		 * (POLLHUP) all the time, so nap, then read again. */
		if (timeout_ms > 0)
			poll(NULL, 0, timeout_ms < EIO_RETRY_MS ? timeout_ms :
			    EIO_RETRY_MS);
	} else {
		pfd.fd = vt->master;
		pfd.events = POLLIN | (vt->replylen > 0 ? POLLOUT : 0);
		pfd.revents = 0;
		n = poll(&pfd, 1, timeout_ms);
		if (n < 0)
			return 0;	/* EINTR: the caller's deadline loop
					 * retries */
		if (n == 0)
			return 0;
		if (pfd.revents & POLLOUT)
			flush_replies(vt);
		if ((pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) ==
		    0)
			return 0;
	}
	while (total < PUMP_MAX) {
		r = read(vt->master, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (r <= 0) {
			/* Linux says EIO once the last slave fd is closed;
			 * but see HANGUP_GRACE_MS. */
			if (vt->eio_since == 0)
				vt->eio_since = now_ms();
			else if (now_ms() - vt->eio_since >= HANGUP_GRACE_MS)
				vt->hungup = true;
			break;
		}
		vt->eio_since = 0;
		take(vt, buf, (size_t)r);
		total += r;
	}
	flush_replies(vt);
	if (total == 0 && vt->hungup)
		return -1;
	return total;
}

/* The child has exited: read until the hang-up, within DRAIN_MAX_MS (a
 * grandchild may hold the slave open). drain() would stop at the first
 * EIO, before the grace that tells a hang-up from a late write. */
static void
drain_to_hangup(struct vt *vt)
{
	long long end = now_ms() + test_ms(DRAIN_MAX_MS);

	while (ms_left(end) > 0 && pump(vt, EXIT_POLL_MS) >= 0)
		;
}

/*
 * Read everything already waiting, without blocking. Bounded in time, as a
 * child that writes without end would otherwise keep us here.
 */
static void
drain(struct vt *vt)
{
	long long end = now_ms() + test_ms(DRAIN_MAX_MS);

	while (pump(vt, 0) > 0 && now_ms() < end)
		;
}

/* Append cp as UTF-8 to a growing buffer. */
static void
put_cp(char **buf, size_t *len, size_t *cap, uint32_t cp)
{
	*buf = xgrow(*buf, cap, *len + 5, 1);
	*len += text_encode(cp, *buf + *len);
}

/*
 * Row text, trailing blanks trimmed. With colof set, (*colof)[i] is the
 * cell column where byte i of the text starts (length: strlen + 1), which
 * is how vt_find reports cells rather than bytes.
 */
static char *
row_text(struct vt *vt, int row, size_t **colof)
{
	VTermScreenCell cell;
	VTermPos pos;
	size_t len = 0, cap = 0, keep = 0, ccap = 0, i, from;
	size_t *cols = NULL;
	char *buf = NULL;
	int k;

	buf = xgrow(buf, &cap, (size_t)vt->cols + 1, 1);
	pos.row = row;
	for (pos.col = 0; pos.col < vt->cols; pos.col++) {
		if (!vterm_screen_get_cell(vt->screen, pos, &cell))
			break;
		/* The right half of a wide character: (uint32_t)-1. */
		if (cell.chars[0] == (uint32_t)-1)
			continue;
		from = len;
		if (cell.chars[0] == 0)
			put_cp(&buf, &len, &cap, ' ');
		else
			for (k = 0; k < VTERM_MAX_CHARS_PER_CELL &&
			    cell.chars[k] != 0; k++)
				put_cp(&buf, &len, &cap, cell.chars[k]);
		if (colof != NULL) {
			cols = xgrow(cols, &ccap, len + 1, sizeof *cols);
			for (i = from; i < len; i++)
				cols[i] = (size_t)pos.col;
		}
		if (cell.chars[0] != 0 && cell.chars[0] != ' ')
			keep = len;
	}
	buf[keep] = '\0';
	if (colof != NULL) {
		cols = xgrow(cols, &ccap, keep + 1, sizeof *cols);
		cols[keep] = (size_t)pos.col;
		*colof = cols;
	}
	return buf;
}

static bool
screen_has(struct vt *vt, const char *text)
{
	char *s = vt_screen(vt);
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

/* Is name (up to '=') the name of entry "NAME=value"? */
static bool
env_is(const char *entry, const char *name, size_t namelen)
{
	return strncmp(entry, name, namelen) == 0 && entry[namelen] == '=';
}

static bool
env_listed(const char *const list[], const char *name, size_t namelen)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (env_is(list[i], name, namelen))
			return true;
	return false;
}

/*
 * The child's environment: env_extra first, then TERM if not given, then
 * the inherited entries not overridden. LINES and COLUMNS from the
 * outside would make curses ignore the pty's size, so they go unless
 * asked for. Built before fork, because the child must only exec.
 */
static char **
make_env(const char *const env_extra[])
{
	static const char *const drop[] = { "TERM", "LINES", "COLUMNS" };
	size_t n = 0, x = 0, k = 0, i, d, nl;
	const char *eq;
	char **env;
	bool skip;

	while (environ[n] != NULL)
		n++;
	while (env_extra != NULL && env_extra[x] != NULL)
		x++;
	env = xcalloc(n + x + 2, sizeof *env);
	for (i = 0; i < x; i++)
		env[k++] = (char *)env_extra[i];
	if (!env_listed(env_extra, "TERM", 4))
		env[k++] = (char *)"TERM=xterm-256color";
	for (i = 0; i < n; i++) {
		eq = strchr(environ[i], '=');
		nl = eq != NULL ? (size_t)(eq - environ[i]) : strlen(environ[i]);
		skip = env_listed(env_extra, environ[i], nl);
		for (d = 0; d < sizeof drop / sizeof drop[0]; d++)
			if (strlen(drop[d]) == nl &&
			    strncmp(drop[d], environ[i], nl) == 0)
				skip = true;
		if (!skip)
			env[k++] = environ[i];
	}
	env[k] = NULL;
	return env;
}

/*
 * In the child between fork and exec: undo what the test process may have
 * set up (cmocka's signal handlers are reset by exec, but ignored signals
 * and the blocked mask would be inherited) so the program starts as from a
 * shell.
 */
static void
child_reset_signals(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

struct vt *
vt_spawn(const char *const argv[], const char *const env_extra[], int rows,
    int cols)
{
	struct winsize ws;
	struct vt *vt;
	char **env, **run;
	int fd, err = 0, pfd[2], flags;
	ssize_t r;
	pid_t pid;

	if (argv == NULL || argv[0] == NULL || argv[0][0] != '/' ||
	    rows <= 0 || cols <= 0)
		return NULL;
	/* A close-on-exec pipe tells a failed exec (errno arrives) from a
	 * successful one (EOF), so a wrong path fails here, not later. */
	if (pipe2(pfd, O_CLOEXEC) != 0)
		return NULL;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	env = make_env(env_extra);
	/* respmap under $RESPMAP_WRAPPER (valgrind), decided before fork
	 * like the environment: the child must only exec. */
	run = test_wrap_argv(argv);
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		free(env);
		test_wrap_free(run, argv);
		close(pfd[0]);
		close(pfd[1]);
		return NULL;
	}
	if (pid == 0) {
		close(pfd[0]);
		child_reset_signals();
		execve(run[0], run, env);
		err = errno;
		while (write(pfd[1], &err, sizeof err) < 0 && errno == EINTR)
			;
		_exit(127);
	}
	free(env);
	test_wrap_free(run, argv);
	close(pfd[1]);
	do
		r = read(pfd[0], &err, sizeof err);
	while (r < 0 && errno == EINTR);
	close(pfd[0]);
	if (r > 0) {
		close(fd);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		errno = err;
		return NULL;
	}

	/* Close-on-exec, so that a later child does not hold this pty. */
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);

	vt = xcalloc(1, sizeof *vt);
	vt->pid = pid;
	vt->master = fd;
	vt->rows = rows;
	vt->cols = cols;
	vt->raw = xgrow(NULL, &vt->rawcap, 4096, 1);
	vt->raw[0] = '\0';
	vt->term = vterm_new(rows, cols);
	if (vt->term == NULL) {
		vt_free(vt);
		return NULL;
	}
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_set_callbacks(vt->screen, &screen_cbs, vt);
	/* Without this, libvterm draws a program's alternate screen over
	 * the primary one and never reports switching to it. */
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	return vt;
}

void
vt_send_n(struct vt *vt, const char *bytes, size_t n)
{
	long long deadline = now_ms() + test_ms(SEND_TIMEOUT_MS);
	struct pollfd pfd;
	ssize_t w;

	while (n > 0 && !vt->hungup) {
		w = write(vt->master, bytes, n);
		if (w > 0) {
			bytes += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return;	/* EIO: the child has gone */
		if (ms_left(deadline) == 0)
			return;
		/* The pty is full: the child may itself be blocked writing
		 * to us, so read while waiting for room. */
		pfd.fd = vt->master;
		pfd.events = POLLIN | POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, ms_left(deadline)) > 0 &&
		    (pfd.revents & (POLLIN | POLLHUP)))
			pump(vt, 0);
	}
}

void
vt_send(struct vt *vt, const char *bytes)
{
	vt_send_n(vt, bytes, strlen(bytes));
}

/* Send what libvterm has queued for the child (key presses, replies). */
static void
send_queued(struct vt *vt)
{
	char *bytes = vt->reply;
	size_t n = vt->replylen;

	/* vt_send_n may pump, and a pump may queue new replies: take the
	 * buffer out of the way first. */
	vt->reply = NULL;
	vt->replylen = vt->replycap = 0;
	vt_send_n(vt, bytes, n);
	free(bytes);
}

static const struct {
	const char	*name;
	VTermKey	 key;
} key_names[] = {
	{ "up", VTERM_KEY_UP },
	{ "down", VTERM_KEY_DOWN },
	{ "left", VTERM_KEY_LEFT },
	{ "right", VTERM_KEY_RIGHT },
	{ "home", VTERM_KEY_HOME },
	{ "end", VTERM_KEY_END },
	{ "pageup", VTERM_KEY_PAGEUP },
	{ "pagedown", VTERM_KEY_PAGEDOWN },
	{ "insert", VTERM_KEY_INS },
	{ "delete", VTERM_KEY_DEL },
	{ "enter", VTERM_KEY_ENTER },
	{ "tab", VTERM_KEY_TAB },
	{ "backspace", VTERM_KEY_BACKSPACE },
	{ "escape", VTERM_KEY_ESCAPE },
};

bool
vt_key(struct vt *vt, const char *name)
{
	VTermModifier mod = VTERM_MOD_NONE;
	uint32_t cp;
	size_t i, len;
	int f;
	char c;

	for (;;) {
		if (strncmp(name, "S-", 2) == 0 && name[2] != '\0')
			mod |= VTERM_MOD_SHIFT;
		else if (strncmp(name, "C-", 2) == 0 && name[2] != '\0')
			mod |= VTERM_MOD_CTRL;
		else if (strncmp(name, "M-", 2) == 0 && name[2] != '\0')
			mod |= VTERM_MOD_ALT;
		else
			break;
		name += 2;
	}
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(name, key_names[i].name) == 0) {
			vterm_keyboard_key(vt->term, key_names[i].key, mod);
			send_queued(vt);
			return true;
		}
	/* f1..f12: digits only, no leading zero. */
	len = strlen(name);
	if (name[0] == 'f' && (len == 2 || len == 3) && name[1] != '0' &&
	    strspn(name + 1, "0123456789") == len - 1) {
		f = atoi(name + 1);
		if (f > 12)
			return false;
		vterm_keyboard_key(vt->term, VTERM_KEY_FUNCTION(f), mod);
		send_queued(vt);
		return true;
	}
	if (len == 0 || text_decode_valid(name, len, &cp, &i) == false ||
	    i != len)
		return false;
	/* Control letters are sent as the C0 byte here: libvterm 0.1.4
	 * would encode C-i, C-j and C-m as CSI u, which curses does not
	 * read. */
	if ((mod & VTERM_MOD_CTRL) && cp < 0x80 &&
	    ((cp >= '@' && cp <= '_') || (cp >= 'a' && cp <= 'z') ||
	    cp == '?')) {
		c = cp == '?' ? 0x7f : (char)(cp & 0x1f);
		if (mod & VTERM_MOD_ALT)
			vt_send_n(vt, "\033", 1);
		vt_send_n(vt, &c, 1);
		return true;
	}
	vterm_keyboard_unichar(vt->term, cp, mod);
	send_queued(vt);
	return true;
}

/* Wait until whether the screen holds text is want; see vt_wait_for. */
static bool
wait_screen(struct vt *vt, const char *text, bool want, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		if (screen_has(vt, text) == want)
			return true;
		/* After a hang-up the screen is final; after the deadline
		 * the last pump still counts (a zero timeout reads what
		 * has arrived, then answers). */
		if (pump(vt, ms_left(deadline)) < 0 || ms_left(deadline) == 0)
			return screen_has(vt, text) == want;
	}
}

bool
vt_wait_for(struct vt *vt, const char *text, int timeout_ms)
{
	return wait_screen(vt, text, true, timeout_ms);
}

bool
vt_wait_gone(struct vt *vt, const char *text, int timeout_ms)
{
	return wait_screen(vt, text, false, timeout_ms);
}

void
vt_settle(struct vt *vt, int quiet_ms, int timeout_ms)
{
	long long start = now_ms(), deadline = start + timeout_ms;
	long long last = start, t, until;

	for (;;) {
		t = now_ms();
		if (t - last >= quiet_ms || t >= deadline)
			return;
		until = last + quiet_ms < deadline ? last + quiet_ms : deadline;
		switch (pump(vt, (int)(until - t))) {
		case -1:
			return;
		case 0:
			break;
		default:
			last = now_ms();
			break;
		}
	}
}

char *
vt_screen(struct vt *vt)
{
	size_t len = 0, cap = 0, n;
	char *all = NULL, *row;
	int r;

	all = xgrow(all, &cap, 1, 1);
	for (r = 0; r < vt->rows; r++) {
		row = row_text(vt, r, NULL);
		n = strlen(row);
		all = xgrow(all, &cap, len + n + 2, 1);
		if (r > 0)
			all[len++] = '\n';
		memcpy(all + len, row, n);
		len += n;
		free(row);
	}
	all[len] = '\0';
	return all;
}

char *
vt_row(struct vt *vt, int row)
{
	if (row < 0 || row >= vt->rows)
		return NULL;
	return row_text(vt, row, NULL);
}

int
vt_find(struct vt *vt, const char *text, int *row, int *col)
{
	size_t *colof;
	char *s, *p;
	int r;

	for (r = 0; r < vt->rows; r++) {
		s = row_text(vt, r, &colof);
		p = strstr(s, text);
		if (p != NULL) {
			if (row != NULL)
				*row = r;
			if (col != NULL)
				*col = (int)colof[p - s];
		}
		free(s);
		free(colof);
		if (p != NULL)
			return 0;
	}
	return -1;
}

static void
color_out(struct vt *vt, const VTermColor *c, int *index, uint8_t rgb[3])
{
	VTermColor conv = *c;

	*index = VTERM_COLOR_IS_INDEXED(c) ? c->indexed.idx : -1;
	vterm_screen_convert_color_to_rgb(vt->screen, &conv);
	rgb[0] = conv.rgb.red;
	rgb[1] = conv.rgb.green;
	rgb[2] = conv.rgb.blue;
}

bool
vt_cell(struct vt *vt, int row, int col, struct vt_cell *out)
{
	VTermScreenCell cell;
	VTermPos pos;

	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols)
		return false;
	pos.row = row;
	pos.col = col;
	if (!vterm_screen_get_cell(vt->screen, pos, &cell))
		return false;
	memset(out, 0, sizeof *out);
	if (cell.chars[0] == (uint32_t)-1) {
		out->ch = 0;
		out->width = 0;
	} else {
		out->ch = cell.chars[0];
		out->width = cell.width;
	}
	out->bold = cell.attrs.bold;
	out->reverse = cell.attrs.reverse;
	out->underline = cell.attrs.underline != VTERM_UNDERLINE_OFF;
	out->italic = cell.attrs.italic;
	out->blink = cell.attrs.blink;
	out->fg_default = VTERM_COLOR_IS_DEFAULT_FG(&cell.fg);
	out->bg_default = VTERM_COLOR_IS_DEFAULT_BG(&cell.bg);
	color_out(vt, &cell.fg, &out->fg_index, out->fg_rgb);
	color_out(vt, &cell.bg, &out->bg_index, out->bg_rgb);
	return true;
}

void
vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	if (row != NULL)
		*row = pos.row;
	if (col != NULL)
		*col = pos.col;
}

bool
vt_altscreen(struct vt *vt)
{
	return vt->altscreen;
}

void
vt_size(struct vt *vt, int *rows, int *cols)
{
	if (rows != NULL)
		*rows = vt->rows;
	if (cols != NULL)
		*cols = vt->cols;
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws;

	if (rows <= 0 || cols <= 0)
		return;
	/* What the child drew for the old size is read at the old size. */
	drain(vt);
	vterm_set_size(vt->term, rows, cols);
	vt->rows = rows;
	vt->cols = cols;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(vt->master, TIOCSWINSZ, &ws);
}

void
vt_signal(struct vt *vt, int sig)
{
	if (!try_reap(vt))
		kill(vt->pid, sig);
}

int
vt_wait_exit(struct vt *vt, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	int wait;

	for (;;) {
		if (try_reap(vt)) {
			/* The child is gone; take what it wrote last. */
			drain_to_hangup(vt);
			return vt->status;
		}
		if (ms_left(deadline) == 0)
			return -1;
		/* The exit closes the slave and wakes poll, unless a
		 * grandchild still holds it: so ask waitpid now and then. */
		wait = ms_left(deadline);
		if (wait > EXIT_POLL_MS)
			wait = EXIT_POLL_MS;
		if (pump(vt, wait) < 0)
			poll(NULL, 0, wait);
	}
}

bool
vt_exited(struct vt *vt)
{
	return try_reap(vt);
}

bool
vt_modes_sane(struct vt *vt)
{
	struct termios t;

	if (tcgetattr(vt->master, &t) != 0)
		return false;
	return (t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO);
}

const char *
vt_raw(struct vt *vt, size_t *len)
{
	if (len != NULL)
		*len = vt->rawlen;
	return vt->raw;
}

void
vt_raw_reset(struct vt *vt)
{
	vt->rawlen = 0;
	vt->raw[0] = '\0';
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	if (!try_reap(vt)) {
		/* forkpty made the child a session and group leader; while
		 * it is unreaped its group id is surely ours to kill, which
		 * also ends anything it started. */
		kill(-vt->pid, SIGKILL);
		kill(vt->pid, SIGKILL);
		while (waitpid(vt->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (vt->term != NULL)
		vterm_free(vt->term);
	if (vt->master >= 0)	/* -1 after vt_hangup */
		close(vt->master);
	free(vt->raw);
	free(vt->reply);
	free(vt);
}

/* ------------------------------------------------- the terminal goes away */

void
vt_hangup(struct vt *vt)
{
	if (vt->master < 0)
		return;
	drain(vt);
	close(vt->master);
	vt->master = -1;
	/* pump, flush_replies and vt_send_n stop at hungup: nothing more
	 * can be read or sent. */
	vt->hungup = true;
	vt->replylen = 0;
}

/* ------------------------------------------------- waiting on one's own */

long
vt_read(struct vt *vt, int timeout_ms)
{
	return pump(vt, timeout_ms);
}
