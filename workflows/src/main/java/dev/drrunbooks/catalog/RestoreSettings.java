package dev.drrunbooks.catalog;

import java.util.List;

/**
 * Where the service's restores go in the primary region, overriding what is copied from the source
 * instance (a restore sends the source's settings by default, since RDS would otherwise use its
 * default security group and parameter group). Every field optional; a restore in the DR region
 * does not use them.
 *
 * @param subnetGroup DB subnet group name
 * @param securityGroupIds VPC security group ids (sg-...)
 * @param parameterGroup DB parameter group name
 * @param optionGroup option group name
 */
public record RestoreSettings(
    String subnetGroup, List<String> securityGroupIds, String parameterGroup, String optionGroup) {

  public RestoreSettings {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }
}
