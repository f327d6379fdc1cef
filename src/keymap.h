/*
 * The browser's key bindings as data: one table maps keys to actions, and
 * the help overlay, the key bar and the man page's list are all made from
 * (or checked against) it, so they cannot disagree.
 */
#ifndef RESPMAP_KEYMAP_H
#define RESPMAP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

enum key_action {
	ACT_NONE,
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HALF_UP,
	ACT_HALF_DOWN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_OPEN,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_SEARCH,
	ACT_NEXT_MATCH,
	ACT_PREV_MATCH,
	ACT_HELP,
	ACT_ESCAPE,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_COUNT
};

/* Keys: a character is its code point; other keys are above Unicode. */
enum {
	KEY_K_UP = 0x110000,
	KEY_K_DOWN,
	KEY_K_LEFT,
	KEY_K_RIGHT,
	KEY_K_PGUP,
	KEY_K_PGDN,
	KEY_K_HOME,
	KEY_K_END,
	KEY_K_BTAB,
	KEY_K_F1,
	KEY_K_BACKSPACE,
	KEY_K_ENTER
};
#define KEY_CTRL(c)	((c) & 0x1f)
#define KEY_ESC		0x1b
#define KEY_TAB		0x09

/* Where a binding works. */
enum {
	KC_TREE = 1 << 0,	/* the topic tree has the focus */
	KC_CONTENT = 1 << 1,	/* the topic pane has the focus */
	KC_HELP = 1 << 2,	/* the help overlay is open */
	KC_SEARCH = 1 << 3,	/* a search query is being typed */
	KC_BROWSE = KC_TREE | KC_CONTENT
};

struct keymap_key {
	int		 key;
	enum key_action	 action;
	unsigned	 contexts;
	const char	*label;		/* as the help shows it */
	const char	*ascii_label;
};

struct keymap_action {
	enum key_action	 action;
	const char	*help;		/* what it does, for the help overlay */
	unsigned	 bar;		/* contexts whose key bar shows it */
	const char	*bar_keys;	/* e.g. "↑↓" */
	const char	*bar_ascii;
	const char	*bar_verb;	/* e.g. "move" */
};

const struct keymap_key *keymap_keys(size_t *n);
const struct keymap_action *keymap_actions(size_t *n);
/* The action a key has in a context, or ACT_NONE. */
enum key_action keymap_lookup(int key, unsigned context);
/* The help text of an action (translated). */
const char *keymap_help(enum key_action a);

#endif
