/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgplugin.c - loading libquire-svg.so, the SVG plugin, when the
 * first SVG picture is met.
 *
 * Linking librsvg, cairo, pango, GIO and qpdf into the program cost
 * every run their loading and relocation (about a quarter of the CPU
 * time of publishing the seed document, and 8 MiB), though few
 * documents have an SVG picture.  They live in the plugin instead,
 * which is looked for next to the program (the build tree) and in
 * ../lib/quire/ from it (where `make install` puts it).  The plugin's
 * calls into the program (the libharu fence, the allocators, the pixel
 * packer) are the symbols the Makefile exports from it.
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "svgplugin.h"

#define PLUGIN	"libquire-svg.so"

static struct {
	pthread_once_t	 once;
	const char	*why;
	unsigned char	*(*to_pdf)(const unsigned char *, size_t, double *,
			    double *, size_t *);
	int		 (*raster)(const unsigned char *, size_t,
			    struct png_ready *);
	struct svg_form	*(*form_read)(unsigned char *, size_t, double,
			    double);
	HPDF_Image	 (*form_make)(HPDF_Doc, struct svg_form *);
	void		 (*form_free)(struct svg_form *);
} sp = { PTHREAD_ONCE_INIT, NULL, NULL, NULL, NULL, NULL, NULL };

/* The plugin from the first of the program's folder and ../lib/quire/
 * that has it. */
static void *
plugin_open(void)
{
	char		 exe[PATH_MAX], path[PATH_MAX + 32];
	const char	*where[] = { "/", "/../lib/quire/" };
	ssize_t		 n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char		*slash;
	void		*h;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		snprintf(path, sizeof(path), "%s%s%s", exe, where[i], PLUGIN);
		if (access(path, R_OK) == 0 &&
		    (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) != NULL)
			return h;
	}
	return NULL;
}

static void
plugin_load(void)
{
	void *h = plugin_open();

	sp.why = "SVG pictures need " PLUGIN ", which is not installed "
	    "with quire";
	if (h == NULL)
		return;
	/* POSIX: a function's address through a data pointer. */
	*(void **)&sp.to_pdf = dlsym(h, "svg_to_pdf");
	*(void **)&sp.raster = dlsym(h, "svg_raster");
	*(void **)&sp.form_read = dlsym(h, "svg_form_read");
	*(void **)&sp.form_make = dlsym(h, "svg_form_make");
	*(void **)&sp.form_free = dlsym(h, "svg_form_free");
	if (sp.to_pdf != NULL && sp.raster != NULL && sp.form_read != NULL &&
	    sp.form_make != NULL && sp.form_free != NULL)
		sp.why = NULL;
	else
		sp.why = PLUGIN " is not quire's own";
}

int
svgp_ready(const char **why)
{
	pthread_once(&sp.once, plugin_load);
	*why = sp.why;
	return sp.why == NULL;
}

unsigned char *
svgp_local_to_pdf(const unsigned char *data, size_t len, double *w, double *h,
    size_t *outlen)
{
	return sp.to_pdf(data, len, w, h, outlen);
}

int
svgp_local_raster(const unsigned char *data, size_t len, struct png_ready *out)
{
	return sp.raster(data, len, out);
}

struct svg_form *
svgp_form_read(unsigned char *pdf, size_t len, double w, double h)
{
	return sp.form_read(pdf, len, w, h);
}

HPDF_Image
svgp_form_make(HPDF_Doc pdf, struct svg_form *f)
{
	return sp.form_make(pdf, f);
}

void
svgp_form_free(struct svg_form *f)
{
	if (f != NULL && sp.form_free != NULL)
		sp.form_free(f);
}
