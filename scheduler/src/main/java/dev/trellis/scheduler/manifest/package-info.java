/**
 * Application manifests: wadm's OAM {@code Application} format as immutable records, parsed from
 * YAML or JSON with every error named by its path, validated with wadm's rules, and written back in
 * a canonical form.
 *
 * <p>Entry points: {@link dev.trellis.scheduler.manifest.Manifests} (parse, write) and {@link
 * dev.trellis.scheduler.manifest.ManifestParser} (parse with an injected version generator).
 *
 * <p>Trellis extension: a {@code link} trait may carry {@code trellis.dev/transport: wrpc} in its
 * properties ({@link dev.trellis.scheduler.manifest.Link#TRANSPORT_FIELD}); such a link is always
 * bound over wRPC, even when source and target could share a host. wadm ignores unknown link
 * properties, so manifests using the extension still load in wadm.
 */
package dev.trellis.scheduler.manifest;
