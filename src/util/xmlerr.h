/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xmlerr.h - what libxml2 reports, routed through quire's messages.
 */
#ifndef QUIRE_XMLERR_H
#define QUIRE_XMLERR_H

/*
 * Install the handler on this thread and as the default of threads
 * started later.  libxml2 otherwise prints straight to stderr, past -q,
 * and carries on after a failed allocation with content missing: here a
 * failed allocation is quire's own out-of-memory exit (diag.h's oom),
 * HTML parser complaints are dropped (quire parses HTML leniently on
 * purpose), and anything else is a "quire: libxml2: ..." warning.
 */
void	xmlerr_init(void);

#endif
