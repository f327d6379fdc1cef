/*
 * Rendering a topic into lines of styled text for a given width, with no
 * terminal in sight: --print writes the lines to a stream, the full-screen
 * browser draws the same lines into a pane, and the tests read them.
 *
 * A line is a list of spans, each at a column, with a style and a party
 * (which the output maps to colour). All text in a span is sanitised: no
 * control or escape sequence from a data file survives rendering.
 */
#ifndef RESPMAP_RENDER_H
#define RESPMAP_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum render_style {
	RS_TEXT,
	RS_TITLE,	/* the topic's title */
	RS_PATH,	/* where the topic sits in the tree */
	RS_SUMMARY,
	RS_HEADING,	/* a party's column heading */
	RS_GROUP,	/* a group heading within a topic */
	RS_LABEL,	/* a term an item explains */
	RS_MARKER,	/* bullets, numbers, party tags */
	RS_RULE,	/* line drawing */
	RS_NOTE		/* sources, notes, hints */
};

/* The party a span speaks for, which decides its colour. */
enum render_party {
	RP_NONE = -1,
	RP_PROVIDER = MODEL_PROVIDER,
	RP_CUSTOMER = MODEL_CUSTOMER,
	RP_SHARED = MODEL_SHARED,
	RP_UNSTATED = MODEL_UNSTATED
};

struct render_span {
	size_t			 col;	/* in cells from the left */
	size_t			 width;	/* in cells */
	char			*text;
	enum render_style	 style;
	enum render_party	 party;
	const struct model_item	*item;	/* the item this text shows, if any */
};

struct render_line {
	struct render_span	*spans;
	size_t			 nspans, cap;
};

struct render_doc {
	struct render_line	*lines;
	size_t			 n, cap;
};

struct render_opts {
	size_t	width;		/* cells available (at least 20 are used) */
	bool	ascii;		/* no line drawing, no non-ASCII text */
	bool	stacked;	/* parties one after the other, not side by side */
	size_t	min_side;	/* narrowest width set side by side (0: the
				 * default, RENDER_MIN_SIDE_BY_SIDE) */
};

/* The width below which the two parties are stacked rather than set side
 * by side. */
#define RENDER_MIN_SIDE_BY_SIDE	60

/* Append the rendering of topic t to doc. */
void render_topic(const struct model *m, const struct model_topic *t,
    const struct render_opts *o, struct render_doc *doc);
void render_doc_free(struct render_doc *doc);

/* The heading of a party's column: "AWS — security OF the cloud". The
 * caller frees it. */
char *render_party_heading(const struct model *m, enum model_party p,
    bool ascii);
/* A party's short name: "AWS", "Customer", "Both", "Not stated". */
const char *render_party_name(const struct model *m, enum model_party p);

/* The path of a topic through its first parents: "Services › Compute". */
char *render_topic_path(const struct model_topic *t, bool ascii);

/* The line as plain text (no styles), trailing spaces removed. */
char *render_line_text(const struct render_line *l);

#endif
