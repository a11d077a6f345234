/*
 * pdf/image.h - PNG and JPEG images for the PDF device, loaded once by
 * libharu and shared by measuring and drawing.
 */
#ifndef QUIRE_PDF_IMAGE_H
#define QUIRE_PDF_IMAGE_H

#include <hpdf.h>

struct pdf_images;
struct pdf_zpages;

struct pdf_images *pdf_images_new(HPDF_Doc);
void		   pdf_images_free(struct pdf_images *);

/* Natural size in points of the image at path (PNG or JPEG, told by its
 * first bytes); -1 with a warning when it cannot be used. */
int		   pdf_images_size(struct pdf_images *, const char *path,
		       double *w, double *h);
HPDF_Image	   pdf_images_get(struct pdf_images *, const char *path);

/* How many images are loaded; hand those not yet handed (and their
 * soft masks) to the compressors. */
size_t		   pdf_images_count(const struct pdf_images *);
void		   pdf_images_compress(struct pdf_images *, struct pdf_zpages *);

#endif
