/**
 * The container images of the pipeline: parsing image references ({@link
 * io.aphex.pipeline.images.ImageReference}), the image settings with their defaults ({@link
 * io.aphex.pipeline.images.ImageSettings}) and the convention that turns them into the builder and
 * deployer images ({@link io.aphex.pipeline.images.ImageResolver}). Pure Java, no Pulumi types.
 */
package io.aphex.pipeline.images;
