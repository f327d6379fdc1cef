/*
 * Translation macros. Every string a user reads goes through _() or N_(),
 * so that the interface can be translated with gettext.
 */
#ifndef RESPMAP_I18N_H
#define RESPMAP_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define ngettext_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s) (s)
#define ngettext_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
