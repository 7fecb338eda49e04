package dev.drrunbooks.image;

/**
 * What the image and the Kubernetes manifests must agree on, in one place: ImageConfigIT checks the
 * image has it, KubernetesManifestsTest that deploy/k8s relies on nothing else.
 */
final class ImageContract {
  static final String USER = "10001:10001";
  static final long UID = 10001;
  static final int OPS_PORT = 9464;
  static final int GATEWAY_PORT = 8787;
  static final String REPORT_DIR = "/var/lib/dr/reports";

  private ImageContract() {}
}
