/*
 * Writing rendered lines to a stream, for --print and friends: plain text,
 * or with SGR colour when colour is on. Nothing else here writes escape
 * sequences, and the text of a span is already sanitised by the renderer.
 */
#ifndef RESPMAP_PRINT_H
#define RESPMAP_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "render.h"

void print_line(FILE *fp, const struct render_line *l, bool color);
void print_doc(FILE *fp, const struct render_doc *d, bool color);

/* The SGR parameters for a style and a party ("1;34"), "" for none. */
const char *print_sgr(enum render_style style, enum render_party party);

#endif
