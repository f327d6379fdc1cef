/*
 * The full-screen browser on a terminal: the only code that includes
 * curses. It draws the state kept by browser.c and feeds it keys, mouse
 * events and resizes.
 */
#ifndef RESPMAP_UI_H
#define RESPMAP_UI_H

#include <stdbool.h>

#include "model.h"

struct ui_opts {
	bool	color;		/* colour, when the terminal has it */
	bool	ascii;		/* no line drawing, no non-ASCII */
};

/* Can the browser run on this terminal? When not, *why says why (a
 * static, translated string). */
bool ui_available(const char **why);

/* Run the browser, opening topic start (or the first topic). Returns the
 * exit status. The terminal is restored on every way out. */
int ui_run(const struct model *m, const struct model_topic *start,
    const struct ui_opts *o);

#endif
