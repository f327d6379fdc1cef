/*
 * Text as the terminal sees it: UTF-8 decoding, display width in cells,
 * sanitising (nothing from a data file may reach the terminal as a control
 * or escape sequence), word wrapping and case-insensitive matching.
 * Plain functions over plain strings; no locale, no curses, so the same
 * answers come out under test and in every locale.
 */
#ifndef RESPMAP_TEXT_H
#define RESPMAP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Decode the UTF-8 sequence at s (n > 0 bytes available). Stores the code
 * point in *cp and returns the bytes consumed (1 to 4). An invalid,
 * overlong, truncated or surrogate sequence stores TEXT_REPLACEMENT and
 * consumes exactly one byte, so decoding always makes progress. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* Like text_decode, but tells whether the sequence was valid. */
bool text_decode_valid(const char *s, size_t n, uint32_t *cp, size_t *len);

/* Encode cp as UTF-8 into buf (4 bytes at least); returns the length. */
size_t text_encode(uint32_t cp, char *buf);

/* A code point that must never reach the terminal: C0 controls (also tab
 * and newline), DEL, C1 controls, bidirectional embeddings, overrides and
 * isolates (U+202A..U+202E, U+2066..U+2069), U+200E/U+200F marks, the line
 * and paragraph separators (U+2028, U+2029), U+FEFF and noncharacters. */
bool text_is_control(uint32_t cp);

/* Display width of a printable code point: 0 for combining marks and
 * zero-width characters, 2 for East Asian wide and fullwidth characters
 * (CJK, Hangul, fullwidth forms, most emoji), 1 otherwise. */
int text_cp_width(uint32_t cp);

/* Display width in cells of a sanitised UTF-8 string of n bytes. */
size_t text_width_n(const char *s, size_t n);
size_t text_width(const char *s);

/* Sanitise n bytes for the terminal into a new NUL-terminated string:
 * invalid UTF-8 becomes U+FFFD, tab and newline become a space, every other
 * control (see text_is_control) is dropped. With ascii set, the result is
 * pure ASCII: common punctuation is transliterated (dashes to "-" or "--",
 * quotes to ' and ", ellipsis to "...", bullet to "*", arrows to "->" and
 * "<-", non-breaking space to space, multiplication sign to "x"), anything
 * else non-ASCII becomes "?". The caller frees the result. */
char *text_sanitize(const char *s, size_t n, bool ascii);

/* Like text_sanitize, but keeps newlines as hard line breaks. */
char *text_sanitize_ml(const char *s, size_t n, bool ascii);

/* Like text_sanitize, for text quoted in a message (a command-line
 * argument, a file name, data in a diagnostic): ESC and the C1 controls
 * are written out as "<U+001B>" instead of being dropped together with the
 * escape sequence they start; what follows them stays, as plain text. */
char *text_sanitize_quoted(const char *s, size_t n, bool ascii);

/* One wrapped line: bytes [off, off+len) of the input, width cells wide. */
struct text_line {
	size_t off;
	size_t len;
	size_t width;
};

/* Wrap a sanitised string to at most width cells a line (width >= 1).
 * Breaks at spaces; a word wider than the line is broken between
 * characters (never inside a character, never between a character and its
 * combining marks); '\n' forces a break; spaces at a break are dropped.
 * An empty string gives one empty line. Returns the number of lines and
 * stores a new array in *lines, which the caller frees. */
size_t text_wrap(const char *s, size_t width, struct text_line **lines);

/* Bytes of s (n bytes) that fit in width cells without splitting a
 * character; *used receives the cells they take. */
size_t text_fit(const char *s, size_t n, size_t width, size_t *used);

/* Case-insensitive search for needle in haystack (both UTF-8). Folds ASCII,
 * Latin-1, Latin Extended-A, Greek and Cyrillic letters. Returns the byte
 * offset of the first match at or after start, or -1 (as ptrdiff_t) when
 * there is none; *match_len receives the length of the match in haystack. */
ptrdiff_t text_find_fold(const char *haystack, size_t start,
    const char *needle, size_t *match_len);

/* Fold one code point to lower case (same coverage as text_find_fold). */
uint32_t text_fold(uint32_t cp);

/* Case-insensitive comparison of two UTF-8 strings: <0, 0 or >0. */
int text_casecmp(const char *a, const char *b);

/* True when prefix is a case-insensitive prefix of s. */
bool text_has_prefix_fold(const char *s, const char *prefix);

/* Edit distance (Damerau–Levenshtein, optimal string alignment) between two
 * strings, case-insensitive, counted in code points. Stops early and returns
 * limit + 1 once the distance is known to exceed limit. */
size_t text_distance(const char *a, const char *b, size_t limit);

#endif
