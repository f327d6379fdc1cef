/*
 * The curses front end. The screen is five windows: a title line, the
 * topic tree, a one-column separator, the topic pane and the key bar. Each
 * is drawn only when the browser marks it dirty, with wnoutrefresh, and
 * one doupdate sends the difference; so a key press costs the cells it
 * changed, not a screen.
 *
 * The hardware cursor is left on the selected row (or the search prompt),
 * so screen readers and braille displays follow the selection.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "browser.h"
#include "i18n.h"
#include "keymap.h"
#include "render.h"
#include "tty.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#define MIN_COLS	40
#define MIN_LINES	10
/* Below this width the two parties are stacked. */
#define SIDE_BY_SIDE_COLS 80

enum {
	PAIR_PROVIDER = 1,
	PAIR_CUSTOMER,
	PAIR_SHARED,
	PAIR_MATCH
};

struct ui {
	struct browser		 b;
	const struct ui_opts	*o;
	bool			 color;
	WINDOW			*title, *tree, *sep, *content, *bar, *help;
	int			 rows, cols;
	int			 tree_w, content_w;
	bool			 too_small;
};

/* -------------------------------------------------------- terminal */

bool
ui_available(const char **why)
{
	return tty_can_browse(STDOUT_FILENO, why);
}

static void
fatal_hook(void)
{
	endwin();
	tty_restore_now();
}

static void
setup_colors(struct ui *u)
{
	short orange;

	u->color = u->o->color && has_colors();
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	orange = COLORS >= 256 ? 208 : COLOR_YELLOW;
	init_pair(PAIR_PROVIDER, COLOR_BLUE, -1);
	init_pair(PAIR_CUSTOMER, orange, -1);
	init_pair(PAIR_SHARED, COLOR_MAGENTA, -1);
	init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
}

/* --------------------------------------------------------- drawing */

static attr_t
party_attr(const struct ui *u, enum render_party p)
{
	if (!u->color)
		return A_NORMAL;
	switch (p) {
	case RP_PROVIDER:
		return COLOR_PAIR(PAIR_PROVIDER);
	case RP_CUSTOMER:
		return COLOR_PAIR(PAIR_CUSTOMER);
	case RP_SHARED:
		return COLOR_PAIR(PAIR_SHARED);
	case RP_UNSTATED:
		return A_DIM;
	case RP_NONE:
		break;
	}
	return A_NORMAL;
}

static attr_t
span_attr(const struct ui *u, const struct render_span *s)
{
	switch (s->style) {
	case RS_TITLE:
		return A_BOLD;
	case RS_PATH:
	case RS_NOTE:
	case RS_RULE:
		return A_DIM;
	case RS_HEADING:
	case RS_GROUP:
	case RS_LABEL:
		return A_BOLD | party_attr(u, s->party);
	case RS_MARKER:
		return party_attr(u, s->party) |
		    (s->party == RP_SHARED ? A_BOLD : A_NORMAL);
	case RS_TEXT:
	case RS_SUMMARY:
		break;
	}
	return A_NORMAL;
}

static attr_t
match_attr(const struct ui *u)
{
	return u->color ? COLOR_PAIR(PAIR_MATCH) | A_BOLD : A_REVERSE |
	    A_BOLD;
}

/* Put n bytes of s at the cursor, at most width cells. */
static void
put_n(WINDOW *w, const char *s, size_t n, size_t width)
{
	size_t used;

	n = text_fit(s, n, width, &used);
	waddnstr(w, s, (int)n);
}

/* Draw text with every match of the query in it highlighted. */
static void
put_highlighted(struct ui *u, WINDOW *w, const char *s, attr_t attr,
    size_t width)
{
	const struct browser *b = &u->b;
	size_t off = 0, len, used, cells = 0, n;
	ptrdiff_t at;

	while (b->qlen > 0 && b->nhits > 0 &&
	    (at = text_find_fold(s, off, b->query, &len)) >= 0) {
		wattrset(w, attr);
		n = text_fit(s + off, (size_t)at - off, width - cells, &used);
		waddnstr(w, s + off, (int)n);
		cells += used;
		wattrset(w, match_attr(u));
		n = text_fit(s + at, len, width - cells, &used);
		waddnstr(w, s + at, (int)n);
		cells += used;
		off = (size_t)at + len;
		if (len == 0)
			break;
	}
	wattrset(w, attr);
	put_n(w, s + off, strlen(s + off), width - cells);
	wattrset(w, A_NORMAL);
}

static void
draw_title(struct ui *u)
{
	const struct browser *b = &u->b;
	char *path = b->open != NULL ? render_topic_path(b->open,
	    u->o->ascii) : xstrdup("");
	char *name = text_sanitize(b->m->meta.name,
	    strlen(b->m->meta.name), u->o->ascii);
	const char *sep = u->o->ascii ? " - " : " — ";
	char *line = xasprintf(" respmap%s%s%s%s", sep, name, sep, path);

	werase(u->title);
	wbkgdset(u->title, ' ' | A_REVERSE);
	werase(u->title);
	wattrset(u->title, A_REVERSE | A_BOLD);
	wmove(u->title, 0, 0);
	put_n(u->title, line, strlen(line), (size_t)u->cols);
	wattrset(u->title, A_NORMAL);
	wnoutrefresh(u->title);
	free(line);
	free(name);
	free(path);
}

static void
draw_tree(struct ui *u)
{
	const struct browser *b = &u->b;
	const struct outline *o = &b->tree;
	int h = getmaxy(u->tree), row;
	size_t width = (size_t)u->tree_w;

	werase(u->tree);
	for (row = 0; row < h && o->top + (size_t)row < o->n; row++) {
		size_t r = o->top + (size_t)row, col;
		const struct outline_row *or = &o->rows[r];
		const char *mark;
		char *title;
		attr_t attr = A_NORMAL;

		if (r == o->sel)
			attr = b->focus == BROWSER_TREE && !b->typing ?
			    A_REVERSE : A_REVERSE | A_DIM;
		if (or->topic == b->open)
			attr |= A_BOLD;
		wattrset(u->tree, attr);
		wmove(u->tree, row, 0);
		if (r == o->sel)
			whline(u->tree, ' ', (int)width);
		col = 1 + or->depth * 2;
		if (col + 4 > width)
			col = width > 4 ? width - 4 : 0;
		if (or->topic->nchildren == 0)
			mark = "  ";
		else if (u->o->ascii)
			mark = or->expanded ? "- " : "+ ";
		else
			mark = or->expanded ? "▾ " : "▸ ";
		wmove(u->tree, row, (int)col);
		waddstr(u->tree, mark);
		title = text_sanitize(or->topic->title,
		    strlen(or->topic->title), u->o->ascii);
		col += 2;
		if (col < width) {
			size_t used, fit = text_fit(title, strlen(title),
			    width - col, &used);

			if (fit < strlen(title) && width - col > 1) {
				/* Cut, and say so. */
				fit = text_fit(title, strlen(title),
				    width - col - 1, &used);
				waddnstr(u->tree, title, (int)fit);
				waddstr(u->tree, u->o->ascii ? "~" : "…");
			} else
				waddnstr(u->tree, title, (int)fit);
		}
		free(title);
	}
	wattrset(u->tree, A_NORMAL);
	wnoutrefresh(u->tree);
}

static void
draw_sep(struct ui *u)
{
	int h = getmaxy(u->sep), i;

	werase(u->sep);
	wattrset(u->sep, A_DIM);
	for (i = 0; i < h; i++)
		mvwaddstr(u->sep, i, 0, u->o->ascii ? "|" : "│");
	wattrset(u->sep, A_NORMAL);
	wnoutrefresh(u->sep);
}

/* A scroll bar in the last column when the topic is taller than the pane,
 * so that there being more is visible without colour. */
static void
draw_scrollbar(struct ui *u, int h)
{
	const struct browser *b = &u->b;
	size_t total = b->doc.n, thumb, start;
	int x = u->content_w - 1, i;

	if (total <= (size_t)h || h < 2)
		return;
	thumb = (size_t)h * (size_t)h / total;
	if (thumb < 1)
		thumb = 1;
	start = b->scroll * ((size_t)h - thumb) / browser_max_scroll(b);
	for (i = 0; i < h; i++) {
		bool on = (size_t)i >= start && (size_t)i < start + thumb;

		wattrset(u->content, on ? A_REVERSE : A_DIM);
		if (u->o->ascii)
			mvwaddstr(u->content, i, x, on ? "#" : "|");
		else
			mvwaddstr(u->content, i, x, on ? "█" : "│");
	}
	wattrset(u->content, A_NORMAL);
}

static void
draw_content(struct ui *u)
{
	const struct browser *b = &u->b;
	int h = getmaxy(u->content), row;
	size_t j, width = (size_t)u->content_w - 2;

	werase(u->content);
	for (row = 0; row < h && b->scroll + (size_t)row < b->doc.n; row++) {
		const struct render_line *l = &b->doc.lines[b->scroll +
		    (size_t)row];

		for (j = 0; j < l->nspans; j++) {
			const struct render_span *s = &l->spans[j];

			if (s->col >= width)
				continue;
			wmove(u->content, row, (int)s->col + 1);
			put_highlighted(u, u->content, s->text,
			    span_attr(u, s), width - s->col);
		}
	}
	draw_scrollbar(u, h);
	wnoutrefresh(u->content);
}

/* The keys that work now, from the key table. When they do not all fit,
 * help and quit are kept: with them a user can find the rest. */
static void
draw_keys(struct ui *u, unsigned ctx, size_t width)
{
	const struct keymap_action *acts;
	size_t n, i, used = 0, need;
	bool show[ACT_COUNT];
	int pass;

	acts = keymap_actions(&n);
	memset(show, 0, sizeof show);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			const struct keymap_action *a = &acts[i];
			bool essential = a->action == ACT_HELP ||
			    a->action == ACT_QUIT || a->action == ACT_ESCAPE;

			if ((a->bar & ctx) == 0 || show[a->action] ||
			    essential != (pass == 0))
				continue;
			need = text_width(u->o->ascii ? a->bar_ascii :
			    a->bar_keys) + text_width(_(a->bar_verb)) + 3;
			if (used + need > width)
				continue;
			show[a->action] = true;
			used += need;
		}
	}
	for (i = 0; i < n; i++) {
		if (!show[acts[i].action])
			continue;
		wattrset(u->bar, A_REVERSE | A_BOLD);
		waddstr(u->bar, u->o->ascii ? acts[i].bar_ascii :
		    acts[i].bar_keys);
		wattrset(u->bar, A_NORMAL);
		waddch(u->bar, ' ');
		waddstr(u->bar, _(acts[i].bar_verb));
		waddstr(u->bar, "  ");
	}
}

static void
draw_bar(struct ui *u)
{
	const struct browser *b = &u->b;
	char *status = NULL, *q;
	size_t sw = 0, width = (size_t)u->cols, room;
	bool keys_too = !b->typing || width > 60;

	werase(u->bar);
	wmove(u->bar, 0, 0);
	if (b->typing || b->nhits > 0 || b->qlen > 0) {
		if (b->nhits > 0)
			/* TRANSLATORS: the position among search hits. */
			status = xasprintf(_("match %zu of %zu"), b->hit + 1,
			    b->nhits);
		else if (b->qlen > 0)
			status = xstrdup(_("no match"));
	} else if (b->doc.n > (size_t)getmaxy(u->content))
		status = xasprintf(_("line %zu of %zu"), b->scroll + 1,
		    b->doc.n);
	if (b->message != NULL) {
		free(status);
		status = xstrdup(b->message);
	}
	if (status != NULL)
		sw = text_width(status) + 1;
	if (b->typing) {
		/* The query has the bar but for the status, "/" and two
		 * spaces; on a bar wide enough for keys too, it leaves them
		 * 30 cells, as long as it keeps 10. */
		room = width > sw + 3 ? width - sw - 3 : 0;
		if (keys_too)
			room = room > 40 ? room - 30 : room < 10 ? room : 10;
		q = text_sanitize(b->query, b->qlen, u->o->ascii);
		wattrset(u->bar, A_BOLD);
		waddstr(u->bar, "/");
		wattrset(u->bar, A_NORMAL);
		put_n(u->bar, q, strlen(q), room);
		free(q);
		waddstr(u->bar, "  ");
	}
	if (keys_too)
		draw_keys(u, browser_context(b), width > sw ? width - sw -
		    (size_t)getcurx(u->bar) : 0);
	if (status != NULL && sw < width) {
		wattrset(u->bar, A_BOLD);
		mvwaddstr(u->bar, 0, (int)(width - sw), status);
		wattrset(u->bar, A_NORMAL);
	}
	free(status);
	wnoutrefresh(u->bar);
}

/* The help overlay, made from the key table: one entry an action, its
 * keys on the left, what it does wrapped on the right. */
static void
draw_help(struct ui *u)
{
	const struct keymap_key *keys;
	const struct keymap_action *acts;
	struct render_doc d;
	size_t nk, na, i, k, line, text_w;
	int h, w, y, x;
	char labels[128];

	keys = keymap_keys(&nk);
	acts = keymap_actions(&na);
	h = u->rows - 4;
	w = u->cols - 4 < 90 ? u->cols - 4 : 90;
	y = 2;
	x = (u->cols - w) / 2;
	if (u->help != NULL)
		delwin(u->help);
	u->help = newwin(h, w, y, x);
	if (u->help == NULL)
		return;
	text_w = w > 30 ? (size_t)w - 28 : 2;
	memset(&d, 0, sizeof d);
	for (i = 0; i < na; i++) {
		struct text_line *wl;
		const char *help = keymap_help(acts[i].action);
		size_t nl = text_wrap(help, text_w, &wl);

		labels[0] = '\0';
		for (k = 0; k < nk; k++) {
			if (keys[k].action != acts[i].action)
				continue;
			if (labels[0] != '\0')
				strncat(labels, " ", sizeof labels -
				    strlen(labels) - 1);
			strncat(labels, u->o->ascii ? keys[k].ascii_label :
			    keys[k].label, sizeof labels - strlen(labels) - 1);
		}
		for (k = 0; k < nl; k++) {
			d.lines = xgrow(d.lines, &d.cap, d.n + 1,
			    sizeof *d.lines);
			memset(&d.lines[d.n], 0, sizeof d.lines[d.n]);
			/* Keep the pieces as spans: column 0 keys, 1 text. */
			d.lines[d.n].spans = xcalloc(2, sizeof
			    *d.lines[d.n].spans);
			d.lines[d.n].nspans = 2;
			d.lines[d.n].cap = 2;
			d.lines[d.n].spans[0].text = xstrdup(k == 0 ? labels :
			    "");
			d.lines[d.n].spans[1].text = xstrndup(help +
			    wl[k].off, wl[k].len);
			d.n++;
		}
		free(wl);
	}
	werase(u->help);
	if (u->o->ascii)
		wborder(u->help, '|', '|', '-', '-', '+', '+', '+', '+');
	else
		box(u->help, 0, 0);
	wattrset(u->help, A_BOLD);
	mvwaddstr(u->help, 0, 2, _(" Keys "));
	wattrset(u->help, A_NORMAL);
	u->b.help_lines = d.n > (size_t)(h - 2) ? d.n - (size_t)(h - 2) : 0;
	if (u->b.help_scroll > u->b.help_lines)
		u->b.help_scroll = u->b.help_lines;
	for (line = 0; line + 2 < (size_t)h &&
	    u->b.help_scroll + line < d.n; line++) {
		const struct render_line *l = &d.lines[u->b.help_scroll + line];

		wattrset(u->help, A_BOLD);
		wmove(u->help, (int)line + 1, 2);
		put_n(u->help, l->spans[0].text, strlen(l->spans[0].text), 22);
		wattrset(u->help, A_NORMAL);
		wmove(u->help, (int)line + 1, 26);
		put_n(u->help, l->spans[1].text, strlen(l->spans[1].text),
		    text_w);
	}
	render_doc_free(&d);
	/* Say there is more, in words and arrows. */
	if (u->b.help_scroll < u->b.help_lines)
		mvwaddstr(u->help, h - 1, w - 10, u->o->ascii ? " more v " :
		    " more ↓ ");
	if (u->b.help_scroll > 0)
		mvwaddstr(u->help, 0, w - 10, u->o->ascii ? " more ^ " :
		    " more ↑ ");
	wnoutrefresh(u->help);
}

static void
put_centred(int y, const char *msg, int cols)
{
	size_t w = text_width(msg);
	int x = cols > (int)w ? (cols - (int)w) / 2 : 0;

	wmove(stdscr, y, x);
	put_n(stdscr, msg, strlen(msg), (size_t)cols);
}

static void
draw_too_small(struct ui *u)
{
	char *need = xasprintf(_("need %d%s%d"), MIN_COLS,
	    u->o->ascii ? "x" : "×", MIN_LINES);
	int y = u->rows / 2 - 1;

	werase(stdscr);
	put_centred(y < 0 ? 0 : y, _("terminal too small"), u->cols);
	put_centred(y + 1, need, u->cols);
	wnoutrefresh(stdscr);
	free(need);
}

static void
place_cursor(struct ui *u)
{
	const struct browser *b = &u->b;
	WINDOW *w;
	int y = 0, x = 0;

	if (b->help && u->help != NULL) {
		w = u->help;
		y = 1;
		x = 2;
	} else if (b->typing) {
		w = u->bar;
		y = 0;
		x = 1 + (int)text_width_n(b->query, b->qlen);
		if (x >= u->cols)
			x = u->cols - 1;
	} else if (b->focus == BROWSER_TREE) {
		w = u->tree;
		y = (int)(b->tree.sel - b->tree.top);
	} else {
		w = u->content;
		x = 1;
	}
	wmove(w, y, x);
	wnoutrefresh(w);
}

static void
draw(struct ui *u)
{
	unsigned d = u->b.dirty;

	if (u->too_small) {
		draw_too_small(u);
		doupdate();
		u->b.dirty = 0;
		return;
	}
	if (u->b.help)
		d |= DIRTY_HELP;
	if (d & DIRTY_TITLE)
		draw_title(u);
	if (d & DIRTY_TREE)
		draw_tree(u);
	if (d == DIRTY_ALL)
		draw_sep(u);
	if (d & DIRTY_CONTENT)
		draw_content(u);
	if (d & DIRTY_BAR)
		draw_bar(u);
	if (u->b.help && (d & DIRTY_HELP))
		draw_help(u);
	else if (!u->b.help && u->help != NULL) {
		delwin(u->help);
		u->help = NULL;
	}
	place_cursor(u);
	doupdate();
	u->b.dirty = 0;
}

/* ---------------------------------------------------------- layout */

static void
free_windows(struct ui *u)
{
	WINDOW **ws[] = { &u->title, &u->tree, &u->sep, &u->content, &u->bar,
		&u->help };
	size_t i;

	for (i = 0; i < sizeof ws / sizeof *ws; i++) {
		if (*ws[i] != NULL)
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

static void
layout(struct ui *u)
{
	int body;

	getmaxyx(stdscr, u->rows, u->cols);
	free_windows(u);
	u->too_small = u->cols < MIN_COLS || u->rows < MIN_LINES;
	/* curses has resized stdscr, which marks it changed: send it now,
	 * blank, so that reading a key through it later repaints nothing. */
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	if (u->too_small) {
		u->b.dirty = DIRTY_ALL;
		return;
	}
	body = u->rows - 2;
	/* Wide enough for most titles, never more than a third. */
	u->tree_w = u->cols * 3 / 10;
	if (u->tree_w < 20)
		u->tree_w = 20;
	if (u->tree_w > 36)
		u->tree_w = 36;
	u->content_w = u->cols - u->tree_w - 1;
	u->title = newwin(1, u->cols, 0, 0);
	u->tree = newwin(body, u->tree_w, 1, 0);
	u->sep = newwin(body, 1, 1, u->tree_w);
	u->content = newwin(body, u->content_w, 1, u->tree_w + 1);
	u->bar = newwin(1, u->cols, u->rows - 1, 0);
	if (u->title == NULL || u->tree == NULL || u->sep == NULL ||
	    u->content == NULL || u->bar == NULL)
		xalloc_die();
	/* Lines move as a block when the pane scrolls. */
	idlok(u->content, TRUE);
	/* The content is drawn one column in, and leaves one for the bar. */
	browser_layout(&u->b, (size_t)body, (size_t)body,
	    (size_t)u->content_w - 2, u->cols < SIDE_BY_SIDE_COLS);
}

/* ----------------------------------------------------------- input */

static int
translate_key(int r, wint_t ch)
{
	if (r == OK)
		return ch == '\r' || ch == '\n' ? KEY_K_ENTER : (int)ch;
	switch (ch) {
	case KEY_UP:
		return KEY_K_UP;
	case KEY_DOWN:
		return KEY_K_DOWN;
	case KEY_LEFT:
		return KEY_K_LEFT;
	case KEY_RIGHT:
		return KEY_K_RIGHT;
	case KEY_PPAGE:
		return KEY_K_PGUP;
	case KEY_NPAGE:
		return KEY_K_PGDN;
	case KEY_HOME:
		return KEY_K_HOME;
	case KEY_END:
		return KEY_K_END;
	case KEY_BTAB:
		return KEY_K_BTAB;
	case KEY_F(1):
		return KEY_K_F1;
	case KEY_BACKSPACE:
		return KEY_K_BACKSPACE;
	case KEY_ENTER:
		return KEY_K_ENTER;
	default:
		return -1;
	}
}

static void
on_mouse(struct ui *u)
{
	MEVENT ev;
	bool in_tree, in_content;
	int y;

	if (getmouse(&ev) != OK || u->too_small || u->b.help)
		return;
	y = ev.y - 1;
	in_tree = ev.x < u->tree_w && y >= 0 && y < u->rows - 2;
	in_content = ev.x > u->tree_w && y >= 0 && y < u->rows - 2;
	if (ev.bstate & BUTTON4_PRESSED) {
		if (in_tree)
			browser_scroll_tree(&u->b, -3);
		else if (in_content)
			browser_scroll_content(&u->b, -3);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		if (in_tree)
			browser_scroll_tree(&u->b, 3);
		else if (in_content)
			browser_scroll_content(&u->b, 3);
	} else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
		if (in_tree)
			browser_click_tree(&u->b, (size_t)y);
		else if (in_content)
			browser_click_content(&u->b);
	}
}

/*
 * Waiting for a key without losing a resize. curses notes a SIGWINCH in
 * its handler, and acts on it only when the signal interrupts its
 * blocking read. One that came after loop() had checked the size but
 * before curses' read began went unnoticed until the next key: the
 * screen stayed drawn for the old size (seen under valgrind, where that
 * window is wide; a loaded machine widens it too). So SIGWINCH is kept
 * blocked outside this wait, keys are read without waiting (but for
 * the rest of a character begun: read_char), and ppoll lets the signal
 * in only while waiting, atomically with the wait.
 * Returns 1 when there is input (or the terminal hung up), 0 when a
 * signal came, -1 on error.
 */
static int
wait_for_input(const sigset_t *unblocked)
{
	struct pollfd pfd;

	pfd.fd = STDIN_FILENO;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (ppoll(&pfd, 1, NULL, unblocked) < 0)
		return errno == EINTR ? 0 : -1;
	return 1;
}

/* How long a character begun may take to arrive whole. */
#define SPLIT_CHAR_MS	500

/*
 * The character that byte c begins, read whole; false when there is none
 * to act on. curses' own wget_wch cannot tell a byte that is no part of
 * any character from the start of one not yet whole: it waits for up to
 * MB_LEN_MAX bytes either way, so one stray byte (line noise, a Latin-1
 * paste) swallowed the keys typed after it, or, read without waiting, a
 * character whose bytes came in two reads (a slow line, a paste cut at a
 * buffer's end) was lost. So keys are read a byte at a time and put
 * together here, by the locale's rules: an incomplete character waits
 * SPLIT_CHAR_MS for its next byte; a byte that cannot continue it is
 * dropped with what came before it, and read again as a start of its own.
 */
static bool
read_char(int c, wint_t *out)
{
	mbstate_t st;
	wchar_t wc;
	char b;
	size_t rc;
	bool first = true;

	memset(&st, 0, sizeof st);
	for (;;) {
		b = (char)c;
		rc = mbrtowc(&wc, &b, 1, &st);
		if (rc == (size_t)-1) {
			if (!first)
				ungetch(c);
			return false;
		}
		if (rc != (size_t)-2) {
			*out = (wint_t)wc;
			return true;
		}
		wtimeout(stdscr, SPLIT_CHAR_MS);
		c = wgetch(stdscr);
		wtimeout(stdscr, 0);
		if (c == ERR)
			return false;
		if (c >= KEY_MIN) {
			ungetch(c);
			return false;
		}
		first = false;
	}
}

/* Read and act until the user quits; false when the terminal went away. */
static bool
loop(struct ui *u)
{
	wint_t ch;
	int c, r, key, errors = 0;
	struct winsize ws;
	sigset_t winch, unblocked, saved;
	bool ok = true, ready = false;
	int w;

	/* See wait_for_input. */
	sigemptyset(&winch);
	sigaddset(&winch, SIGWINCH);
	sigprocmask(SIG_BLOCK, &winch, &saved);
	unblocked = saved;
	sigdelset(&unblocked, SIGWINCH);
	wtimeout(stdscr, 0);

	while (!u->b.quit) {
		if (u->b.dirty != 0)
			draw(u);
		/* curses may miss a SIGWINCH: one during the first frame,
		 * before it listens, or one in a burst of resizes. Before
		 * waiting for a key, the real size has the last word. */
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_row > 0 && ws.ws_col > 0 &&
		    is_term_resized(ws.ws_row, ws.ws_col)) {
			resizeterm(ws.ws_row, ws.ws_col);
			layout(u);
			continue;
		}
		/* Read through stdscr, which is never drawn after start-up,
		 * so reading does not repaint anything or move the cursor;
		 * without waiting (see wait_for_input), a byte or a key
		 * curses put together (an arrow, the mouse, a resize). */
		c = wgetch(stdscr);
		if (c == ERR) {
			/* Nothing to read: wait. Input announced again and
			 * again with no key to read is a terminal that went
			 * away (EOF, EIO). */
			if (ready && ++errors >= 100) {
				ok = false;
				break;
			}
			w = wait_for_input(&unblocked);
			if (w < 0) {
				ok = false;
				break;
			}
			ready = w > 0;
			continue;
		}
		errors = 0;
		ready = false;
		if (c >= KEY_MIN) {
			r = KEY_CODE_YES;
			ch = (wint_t)c;
		} else if (read_char(c, &ch)) {
			r = OK;
		} else {
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(u);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			on_mouse(u);
			continue;
		}
		if (u->too_small) {
			if (r == OK && (ch == 'q' || ch == KEY_CTRL('c')))
				u->b.quit = true;
			continue;
		}
		key = translate_key(r, ch);
		if (key < 0)
			continue;
		if (key == KEY_CTRL('l'))
			clearok(curscr, TRUE);
		browser_key(&u->b, key);
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return ok;
}

int
ui_run(const struct model *m, const struct model_topic *start,
    const struct ui_opts *o)
{
	struct ui u;
	SCREEN *scr;
	char *undo;
	bool ok;

	memset(&u, 0, sizeof u);
	u.o = o;
	tty_save(STDIN_FILENO);
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL)
		return -1;
	set_term(scr);
	undo = tty_undo_sequence();
	tty_install(undo);
	xalloc_set_fatal_hook(fatal_hook);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	setup_colors(&u);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);

	keypad(stdscr, TRUE);
	wnoutrefresh(stdscr);
	/*
	 * Once out and back in, before anything is drawn. ncurses (6.4)
	 * flushes its output at every cursor motion until endwin has been
	 * called once, so a frame went out as a write for each line it
	 * touched (forty-odd for the first one), each a wake-up of the
	 * terminal; from now on a frame is one write. The terminal sees the
	 * alternate screen left and entered again in one burst, with
	 * nothing drawn on it yet.
	 */
	endwin();
	doupdate();
	/*
	 * endwin also turned the keypad's transmit mode off (rmkx), and
	 * ncurses would turn it on again only at the first wget_wch, after
	 * the first frame: a key pressed once that frame is up but before
	 * the read came as ESC [ B, which curses (expecting ESC O B) did not
	 * know. Seen under valgrind, where that window is wide; on a slow
	 * link it is too. Turn it on again now, before anything is drawn.
	 */
	keypad(stdscr, TRUE);

	browser_init(&u.b, m, o->ascii);
	layout(&u);
	if (start != NULL)
		browser_open(&u.b, start);
	ok = loop(&u);

	free_windows(&u);
	endwin();
	tty_uninstall();
	xalloc_set_fatal_hook(NULL);
	delscreen(scr);
	browser_free(&u.b);
	free(undo);
	return ok ? 0 : 1;
}
