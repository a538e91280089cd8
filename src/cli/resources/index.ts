/**
 * Every resource kind's CLI declaration, in help order. To add a kind: one file in this folder (see the comment
 * at the top of `../resource-cli.ts`) and one line here.
 */
import type { AnyResourceCli } from '../resource-cli.js';
import { flavorCli } from './flavor.js';
import { floatingIpCli } from './floating-ip.js';
import { keyPairCli } from './keypair.js';
import { imageCli } from './image.js';
import { networkCli } from './network.js';
import { serverCli } from './server.js';
import { serverGroupCli } from './server-group.js';
import { volumeCli } from './volume.js';
import { volumeSnapshotCli } from './volume-snapshot.js';
import { groupCli, projectCli, roleCli, userCli } from './identity.js';
import { applicationCredentialCli } from './application-credential.js';
import { volumeBackupCli } from './volume-backup.js';
import { volumeTypeCli } from './volume-type.js';
import { containerCli } from './container.js';
import { portCli, routerCli, subnetCli } from './network-primitives.js';
import { securityGroupCli, securityGroupRuleCli } from './security-group.js';

/** The kinds whose command groups are generated. */
export const RESOURCE_CLIS: readonly AnyResourceCli[] = [
  serverCli,
  serverGroupCli,
  networkCli,
  imageCli,
  flavorCli,
  keyPairCli,
  floatingIpCli,
  volumeCli,
  volumeSnapshotCli,
  projectCli,
  userCli,
  roleCli,
  groupCli,
  applicationCredentialCli,
  volumeBackupCli,
  volumeTypeCli,
  containerCli,
  subnetCli,
  portCli,
  routerCli,
  securityGroupCli,
  securityGroupRuleCli,
];
