/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * emoji.h - GitHub's emoji shortcodes (":tada:") as the characters they
 * stand for, in the model, so every format shows the same emoji.
 */
#ifndef QUIRE_EMOJI_H
#define QUIRE_EMOJI_H

struct doc;

/* The UTF-8 characters of shortcode name (without its colons), or NULL
 * when GitHub has no such shortcode. */
const char	*emoji_lookup(const char *name, size_t len);

/* Every known ":name:" in the document's text, outside code, replaced
 * by its emoji; unknown names stay as typed. */
struct colon_texts;
void		 emoji_document(struct doc *, const struct colon_texts *);

#endif
