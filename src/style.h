/*
 * style.h - the style file (styles/default.yaml), read with libyaml.
 *
 * The YAML mapping is flattened into dotted keys, so
 *     pdf:
 *       margin: { top: 20mm }
 * is the key "pdf.margin.top" with the value "20mm".  Each emitter asks for
 * the keys it knows and supplies its own default, so adding a setting never
 * touches this file.  Sequences are stored as "key.0", "key.1", ...
 */
#ifndef QUIRE_STYLE_H
#define QUIRE_STYLE_H

struct style;

/* Load PATH; NULL path gives an empty style (all defaults).  On error
 * prints "quire: PATH:LINE: ..." and returns NULL. */
struct style	*style_load(const char *path);
void		 style_free(struct style *);

/* Set or override a key (used for --paper). */
void		 style_set(struct style *, const char *key, const char *value);

const char	*style_str(const struct style *, const char *key, const char *def);
double		 style_num(const struct style *, const char *key, double def);
int		 style_bool(const struct style *, const char *key, int def);
/* A length in PostScript points; accepts pt, mm, cm, in; bare numbers
 * are points. */
double		 style_len(const struct style *, const char *key, double def);

/* The directory the style file lives in, for files it names (epub.css). */
const char	*style_dir(const struct style *);

#endif
