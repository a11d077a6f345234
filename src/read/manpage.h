/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * manpage.h - man-page conventions of go-md2man, pandoc and ronn sources
 * (manpage.c): the front end's part of struct manpage (doc.h).
 */
#ifndef QUIRE_MANPAGE_H
#define QUIRE_MANPAGE_H

struct doc;

/*
 * Before the title is settled: read the title line or block, the file
 * name and the author's NAME section into the metadata fields still
 * unset, take the title line out of the tree, and make ronn's option
 * lists definition lists.
 */
void	manpage_recognise(struct doc *);

/*
 * Once every metadata default is known: the title of a man page that has
 * none, and struct manpage's names, whatis, .TH date and manual and the
 * heading level of a section.
 */
void	manpage_finish(struct doc *);

/*
 * A man page's file name, "foo.1", "foo.1.md", "foo.3pm.ronn",
 * "foo.8.md.in" (also .markdown, .mkd, and ronn's .html), with or
 * without directories: its name (malloc'd) and *section (inside the
 * name's allocation); NULL when it names no page.  The section must be a
 * digit and letters ("report.2024.md" is no man page), or n, l, 0p.
 */
char	*manpage_file_name(const char *path, const char **section);

#endif
