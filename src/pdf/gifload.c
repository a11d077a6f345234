/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/gifload.c - a GIF made ready for the PDF: its first frame, as a
 * browser shows it before the animation starts.
 *
 * giflib decodes the frame; it is put on the GIF's logical screen,
 * transparent elsewhere (a browser's page shows through), its
 * transparent colour (the frame's graphic control block) made
 * transparent, and the pixels handed to pngload.c.  Only the records up
 * to the first frame are read, so a long animation costs no more than
 * its first picture.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "util/diag.h"
#include "gifload.h"
#include "jpegcheck.h"	/* IMAGE_MAX_PIXELS */
#include "pngload.h"

static int
gif_read(GifFileType *g, GifByteType *buf, int n)
{
	return (int)fread(buf, 1, (size_t)n, (FILE *)g->UserData);
}

/* The frame just described (g->Image) onto the RGBA screen. */
static int
frame(GifFileType *g, unsigned char *rgba, int transparent)
{
	static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
	const GifImageDesc *d = &g->Image;
	const ColorMapObject *cm = d->ColorMap ? d->ColorMap : g->SColorMap;
	GifPixelType *line;
	int passes = d->Interlace ? 4 : 1, rc = 0;

	if (cm == NULL || d->Width <= 0 || d->Height <= 0 ||
	    (uint64_t)d->Width * (uint64_t)d->Height > IMAGE_MAX_PIXELS)
		return -1;
	line = xmalloc((size_t)d->Width);
	for (int pass = 0; pass < passes && rc == 0; pass++)
		for (int y = d->Interlace ? start[pass] : 0; y < d->Height &&
		    rc == 0; y += d->Interlace ? step[pass] : 1) {
			int sy = d->Top + y;

			if (DGifGetLine(g, line, d->Width) != GIF_OK) {
				rc = -1;
				break;
			}
			/* A frame may reach past the screen: clipped. */
			if (sy < 0 || sy >= g->SHeight)
				continue;
			for (int x = 0; x < d->Width; x++) {
				int sx = d->Left + x;
				unsigned char *px;

				if (sx < 0 || sx >= g->SWidth ||
				    line[x] == transparent ||
				    line[x] >= cm->ColorCount)
					continue;
				px = rgba + 4 * ((size_t)sy * g->SWidth + sx);
				px[0] = cm->Colors[line[x]].Red;
				px[1] = cm->Colors[line[x]].Green;
				px[2] = cm->Colors[line[x]].Blue;
				px[3] = 255;
			}
		}
	free(line);
	return rc;
}

/* The records up to the first frame, which is drawn onto rgba. */
static int
first_frame(GifFileType *g, unsigned char *rgba)
{
	GifRecordType	 type;
	GifByteType	*ext;
	int		 code, transparent = NO_TRANSPARENT_COLOR;

	for (;;) {
		if (DGifGetRecordType(g, &type) != GIF_OK)
			return -1;
		if (type == IMAGE_DESC_RECORD_TYPE)
			return DGifGetImageDesc(g) == GIF_OK ?
			    frame(g, rgba, transparent) : -1;
		if (type == TERMINATE_RECORD_TYPE)
			return -1;
		if (type != EXTENSION_RECORD_TYPE)
			continue;
		if (DGifGetExtension(g, &code, &ext) != GIF_OK)
			return -1;
		if (code == GRAPHICS_EXT_FUNC_CODE && ext != NULL &&
		    ext[0] >= 4) {
			GraphicsControlBlock gcb;

			if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) ==
			    GIF_OK)
				transparent = gcb.TransparentColor;
		}
		while (ext != NULL)
			if (DGifGetExtensionNext(g, &ext) != GIF_OK)
				return -1;
	}
}

int
gif_ready_load(FILE *fp, struct png_ready *out)
{
	GifFileType	*g;
	unsigned char	*rgba;
	int		 err, rc = -1;

	memset(out, 0, sizeof(*out));
	out->why = "cannot read it (damaged or unsupported)";
	if ((g = DGifOpen(fp, gif_read, &err)) == NULL)
		return -1;
	if (g->SWidth <= 0 || g->SHeight <= 0) {
		DGifCloseFile(g, &err);
		return -1;
	}
	if ((uint64_t)g->SWidth * (uint64_t)g->SHeight > IMAGE_MAX_PIXELS) {
		out->why = "it is too large (over 64 million pixels)";
		DGifCloseFile(g, &err);
		return -1;
	}
	rgba = xcalloc((size_t)g->SWidth * (size_t)g->SHeight, 4);
	if (first_frame(g, rgba) == 0)
		rc = png_ready_pixels(rgba, (unsigned)g->SWidth,
		    (unsigned)g->SHeight, 4, out);
	free(rgba);
	DGifCloseFile(g, &err);
	return rc;
}
