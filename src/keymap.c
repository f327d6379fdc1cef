/*
 * The one table of key bindings. Vi keys and the usual terminal keys do
 * the same things, as in less and htop.
 */
#include "config.h"

#include <stddef.h>

#include "i18n.h"
#include "keymap.h"

static const struct keymap_key keys[] = {
	{ KEY_K_UP, ACT_UP, KC_BROWSE | KC_HELP | KC_SEARCH, "↑", "Up" },
	{ 'k', ACT_UP, KC_BROWSE | KC_HELP, "k", "k" },
	{ KEY_K_DOWN, ACT_DOWN, KC_BROWSE | KC_HELP | KC_SEARCH, "↓", "Down" },
	{ 'j', ACT_DOWN, KC_BROWSE | KC_HELP, "j", "j" },
	{ KEY_K_LEFT, ACT_LEFT, KC_BROWSE, "←", "Left" },
	{ 'h', ACT_LEFT, KC_BROWSE, "h", "h" },
	{ KEY_K_RIGHT, ACT_RIGHT, KC_BROWSE, "→", "Right" },
	{ 'l', ACT_RIGHT, KC_BROWSE, "l", "l" },
	{ KEY_K_PGUP, ACT_PAGE_UP, KC_BROWSE | KC_HELP, "PgUp", "PgUp" },
	{ 'b', ACT_PAGE_UP, KC_BROWSE | KC_HELP, "b", "b" },
	{ KEY_K_PGDN, ACT_PAGE_DOWN, KC_BROWSE | KC_HELP, "PgDn", "PgDn" },
	{ ' ', ACT_PAGE_DOWN, KC_BROWSE | KC_HELP, "Space", "Space" },
	{ KEY_CTRL('u'), ACT_HALF_UP, KC_BROWSE | KC_HELP, "Ctrl-u",
	    "Ctrl-u" },
	{ KEY_CTRL('d'), ACT_HALF_DOWN, KC_BROWSE | KC_HELP, "Ctrl-d",
	    "Ctrl-d" },
	{ KEY_K_HOME, ACT_TOP, KC_BROWSE | KC_HELP, "Home", "Home" },
	{ 'g', ACT_TOP, KC_BROWSE | KC_HELP, "g", "g" },
	{ KEY_K_END, ACT_BOTTOM, KC_BROWSE | KC_HELP, "End", "End" },
	{ 'G', ACT_BOTTOM, KC_BROWSE | KC_HELP, "G", "G" },
	{ KEY_K_ENTER, ACT_OPEN, KC_BROWSE | KC_SEARCH, "Enter", "Enter" },
	{ KEY_TAB, ACT_FOCUS_NEXT, KC_BROWSE, "Tab", "Tab" },
	{ KEY_K_BTAB, ACT_FOCUS_PREV, KC_BROWSE, "Shift-Tab", "Shift-Tab" },
	{ '/', ACT_SEARCH, KC_BROWSE, "/", "/" },
	{ 'n', ACT_NEXT_MATCH, KC_BROWSE, "n", "n" },
	{ 'N', ACT_PREV_MATCH, KC_BROWSE, "N", "N" },
	{ '?', ACT_HELP, KC_BROWSE, "?", "?" },
	{ KEY_K_F1, ACT_HELP, KC_BROWSE, "F1", "F1" },
	{ KEY_ESC, ACT_ESCAPE, KC_BROWSE | KC_HELP | KC_SEARCH, "Esc",
	    "Esc" },
	{ 'q', ACT_QUIT, KC_BROWSE | KC_HELP, "q", "q" },
	{ KEY_CTRL('l'), ACT_REDRAW, KC_BROWSE | KC_HELP | KC_SEARCH,
	    "Ctrl-l", "Ctrl-l" },
};

static const struct keymap_action actions[] = {
	{ ACT_UP, N_("move up in the tree; scroll up in a topic"),
	    KC_BROWSE | KC_HELP, "↑↓", "Up/Dn", N_("move") },
	{ ACT_DOWN, N_("move down in the tree; scroll down in a topic"),
	    0, NULL, NULL, NULL },
	{ ACT_LEFT, N_("collapse a group, or go to its parent; from a topic, "
	    "back to the tree"), KC_TREE, "←→", "Left/Right", N_("fold") },
	{ ACT_RIGHT, N_("expand a group; on a topic, open it and go to it"),
	    0, NULL, NULL, NULL },
	{ ACT_PAGE_UP, N_("one page up"), KC_CONTENT | KC_HELP, "PgUp/PgDn",
	    "PgUp/PgDn", N_("page") },
	{ ACT_PAGE_DOWN, N_("one page down"), 0, NULL, NULL, NULL },
	{ ACT_HALF_UP, N_("half a page up"), 0, NULL, NULL, NULL },
	{ ACT_HALF_DOWN, N_("half a page down"), 0, NULL, NULL, NULL },
	{ ACT_TOP, N_("to the top"), 0, NULL, NULL, NULL },
	{ ACT_BOTTOM, N_("to the bottom"), 0, NULL, NULL, NULL },
	{ ACT_OPEN, N_("open the selected topic; in a search, keep the "
	    "match"), KC_TREE | KC_SEARCH, "Enter", "Enter", N_("open") },
	{ ACT_FOCUS_NEXT, N_("switch between the tree and the topic"),
	    KC_BROWSE, "Tab", "Tab", N_("switch") },
	{ ACT_FOCUS_PREV, N_("switch back"), 0, NULL, NULL, NULL },
	{ ACT_SEARCH, N_("search all the content as you type"), KC_BROWSE,
	    "/", "/", N_("search") },
	{ ACT_NEXT_MATCH, N_("next match, across topics"), KC_BROWSE,
	    "n/N", "n/N", N_("next/prev") },
	{ ACT_PREV_MATCH, N_("previous match"), 0, NULL, NULL, NULL },
	{ ACT_HELP, N_("show this help"), KC_BROWSE, "?", "?", N_("help") },
	{ ACT_ESCAPE, N_("close the help; cancel a search and go back to "
	    "where it started"), KC_HELP | KC_SEARCH, "Esc", "Esc",
	    N_("close") },
	{ ACT_QUIT, N_("quit; in this help, close it"), KC_BROWSE, "q", "q",
	    N_("quit") },
	{ ACT_REDRAW, N_("redraw the screen"), 0, NULL, NULL, NULL },
};

const struct keymap_key *
keymap_keys(size_t *n)
{
	*n = sizeof keys / sizeof *keys;
	return keys;
}

const struct keymap_action *
keymap_actions(size_t *n)
{
	*n = sizeof actions / sizeof *actions;
	return actions;
}

enum key_action
keymap_lookup(int key, unsigned context)
{
	size_t i;

	if (key == '\r' || key == '\n')
		key = KEY_K_ENTER;
	for (i = 0; i < sizeof keys / sizeof *keys; i++)
		if (keys[i].key == key && (keys[i].contexts & context) != 0)
			return keys[i].action;
	return ACT_NONE;
}

const char *
keymap_help(enum key_action a)
{
	size_t i;

	for (i = 0; i < sizeof actions / sizeof *actions; i++)
		if (actions[i].action == a)
			return _(actions[i].help);
	return "";
}
