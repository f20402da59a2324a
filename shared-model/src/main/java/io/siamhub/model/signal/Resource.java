package io.siamhub.model.signal;

/**
 * The thing a signal is about, as the provider names it.
 *
 * @param id      the provider's resource id (an ARN, an Azure resource id, a GCE instance id, a k8s object)
 * @param type    the resource type as the provider names it (e.g. {@code AWS::EC2::Instance}, {@code gce_instance})
 * @param name    a human-readable name
 * @param region  a region code ({@code us-east-1}, {@code westeurope}), never a display name
 * @param account the AWS account id, Azure subscription id or GCP project id
 */
public record Resource(String id, String type, String name, String region, String account) {
}
