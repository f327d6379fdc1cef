/*
 * The full-screen browser's state and behaviour, without a terminal: which
 * topic is open, what is selected and scrolled, what has the focus, the
 * search. Keys come in as actions; the UI layer draws whatever this state
 * says and redraws only the parts marked dirty. Everything here is tested
 * directly, the terminal only end to end.
 */
#ifndef RESPMAP_BROWSER_H
#define RESPMAP_BROWSER_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "model.h"
#include "outline.h"
#include "render.h"
#include "search.h"

enum browser_focus {
	BROWSER_TREE,
	BROWSER_CONTENT
};

/* Parts of the screen that need drawing again. */
enum {
	DIRTY_TITLE = 1 << 0,
	DIRTY_TREE = 1 << 1,
	DIRTY_CONTENT = 1 << 2,
	DIRTY_BAR = 1 << 3,
	DIRTY_HELP = 1 << 4,
	DIRTY_ALL = (1 << 5) - 1
};

#define BROWSER_QUERY_MAX 256

/* The incremental search's index and what it keeps from key to key;
 * private to browser.c. */
struct browser_search;

/* Where the user was, so that Esc can take a search back. */
struct browser_view {
	struct outline_row		*rows;
	size_t				 nrows;
	size_t				 sel, top;
	const struct model_topic	*open;
	size_t				 scroll;
	enum browser_focus		 focus;
};

struct browser {
	const struct model		*m;
	struct outline			 tree;
	const struct model_topic	*open;	/* shown in the topic pane */
	struct render_doc		 doc;
	struct render_opts		 ropts;
	size_t				 scroll;	/* first line shown */
	size_t				 tree_rows;
	size_t				 content_rows;
	enum browser_focus		 focus;

	bool				 help;
	size_t				 help_scroll;
	size_t				 help_lines;	/* set by the UI */

	bool				 typing;	/* a query is being typed */
	char				 query[BROWSER_QUERY_MAX];
	size_t				 qlen;
	struct search_hit		*hits;
	size_t				 nhits, cap_hits;
	size_t				 hit;		/* the current one */
	struct browser_view		 saved;
	const struct model_topic	**order;	/* topics, tree order */
	size_t				 norder;
	/* Made at the first search. */
	struct browser_search		*search;

	const char			*message;	/* for the key bar */
	bool				 quit;
	unsigned			 dirty;
};

void browser_init(struct browser *b, const struct model *m, bool ascii);
void browser_free(struct browser *b);

/* Set the panes' sizes: rows of the tree, rows and width of the topic
 * pane, and whether the parties are stacked. Renders again when the width
 * or stacking changed, keeping the scroll position. */
void browser_layout(struct browser *b, size_t tree_rows, size_t content_rows,
    size_t content_width, bool stacked);

/* Show a topic in the topic pane and select it in the tree. */
void browser_open(struct browser *b, const struct model_topic *t);

/* The context a key is read in (KC_* of keymap.h). */
unsigned browser_context(const struct browser *b);
/* A key as the UI reads it (a character or a KEY_K_* value). */
void browser_key(struct browser *b, int key);
void browser_action(struct browser *b, enum key_action a);

/* Mouse: a click on a row of the tree pane (0 is its first row), a click
 * in the topic pane, and the wheel over either pane. */
void browser_click_tree(struct browser *b, size_t row);
void browser_click_content(struct browser *b);
void browser_scroll_tree(struct browser *b, long delta);
void browser_scroll_content(struct browser *b, long delta);

/* The last line the topic pane can start at. */
size_t browser_max_scroll(const struct browser *b);

#endif
