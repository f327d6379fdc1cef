/*
 * Colour follows the party: blue for the provider and orange (yellow on
 * eight-colour terminals) for the customer, a colour-blind-safe pair, and
 * magenta for both. Colour is never the only signal: headings, tags and
 * bullets carry the same information in words.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "print.h"

const char *
print_sgr(enum render_style style, enum render_party party)
{
	switch (style) {
	case RS_TITLE:
		return "1";
	case RS_PATH:
	case RS_NOTE:
	case RS_RULE:
		return "2";
	case RS_HEADING:
	case RS_GROUP:
		switch (party) {
		case RP_PROVIDER:
			return "1;34";
		case RP_CUSTOMER:
			return "1;33";
		case RP_SHARED:
			return "1;35";
		default:
			return "1";
		}
	case RS_LABEL:
	case RS_MARKER:
		switch (party) {
		case RP_PROVIDER:
			return "34";
		case RP_CUSTOMER:
			return "33";
		case RP_SHARED:
			return "35";
		case RP_UNSTATED:
			return "2";
		default:
			return style == RS_LABEL ? "1" : "";
		}
	case RS_TEXT:
	case RS_SUMMARY:
		break;
	}
	return "";
}

void
print_line(FILE *fp, const struct render_line *l, bool color)
{
	size_t i, col = 0;

	for (i = 0; i < l->nspans; i++) {
		const struct render_span *s = &l->spans[i];
		const char *sgr = color ? print_sgr(s->style, s->party) : "";

		for (; col < s->col; col++)
			fputc(' ', fp);
		if (*s->text == '\0')
			continue;
		/* Trailing blanks are not printed: pad only before text. */
		if (i + 1 == l->nspans && s->style == RS_RULE &&
		    strspn(s->text, " ") == strlen(s->text))
			break;
		if (*sgr != '\0')
			fprintf(fp, "\033[%sm%s\033[0m", sgr, s->text);
		else
			fputs(s->text, fp);
		col += s->width;
	}
	fputc('\n', fp);
}

void
print_doc(FILE *fp, const struct render_doc *d, bool color)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		print_line(fp, &d->lines[i], color);
}
