/*
 * Allocation that never returns NULL to its caller. On exhaustion or size
 * overflow the program runs the registered cleanup (which restores the
 * terminal when the browser is up), prints a message and exits.
 */
#ifndef RESPMAP_XALLOC_H
#define RESPMAP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Resize an array of n elements of the given size, checking for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formatted allocation: the result is freed by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *cap so that it holds at least need elements (doubling), and
 * reallocate *p accordingly. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

/* A function run before the program dies of exhaustion. */
void xalloc_set_fatal_hook(void (*hook)(void));
_Noreturn void xalloc_die(void);

#endif
