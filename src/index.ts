/**
 * canopy-openstack: a porcelain SDK for OpenStack clouds.
 *
 * @example
 * import { openCloud } from 'canopy-openstack';
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * console.log(await cloud.describe());
 * await cloud.close();
 */
export { openCloud, type OpenCloudOptions } from './cloud/open-cloud.js';
export type { TransportTuning } from './http/transport.js';
export type { BackoffOptions } from './internal/retry-timing.js';
export { Cloud } from './cloud/cloud.js';
export { openInventory, Inventory, type OpenInventoryOptions, type InventoryError, type InventoryServers, type InventoryResult, type InventoryTarget } from './cloud/inventory/index.js';
export type { Server, ServerAddress } from './resources/compute/server-model.js';
export type { CreateServerOptions, CreatedServer, CreateServerStep, ServerNic } from './cloud/create-server/index.js';
export type { ServerOperation, AcceptedServer, WaitForServerOptions } from './cloud/server-operations.js';
export { Operation, type OperationProgress, type SerializedOperation, type OperationControl } from './cloud/operation.js';
export type { DeleteServerOptions, DeleteServerResult, ListServersOptions } from './cloud/servers.js';
export type { ListServersQuery } from './services/compute/servers.js';
export type { MeANetwork, NetworkPath } from './cloud/get-me-a-network.js';
export type { FloatingIp, FloatingIpFilters } from './resources/network/floating-ip.js';
export type { CreateFloatingIpOptions, FloatingIpTarget, FloatingIpChanges, FloatingIpCallOptions } from './cloud/floating-ips/index.js';
export type { PortForwarding } from './resources/network/port-forwarding.js';
export type { CreatePortForwardingOptions, PortForwardingCallOptions } from './cloud/floating-ips/port-forwardings.js';
export type { Image, ImageMetadataOptions, ListImagesOptions, UploadImageOptions, UploadImageProgress } from './cloud/images.js';
export type { DownloadImageOptions, DownloadImageResult } from './cloud/image-download.js';
export type { UpdateImageChanges, UpdateImageOptions } from './cloud/image-updates.js';
export type { ImageMember, AddImageMemberOptions, ImageMemberOptions, UpdateImageMemberChanges } from './cloud/image-members.js';
export type { ImportImageOptions, ImportPath } from './cloud/image-import.js';
export type { Flavor, FlavorInput, FlavorChanges, FlavorFilters } from './resources/compute/flavor.js';
export type { SmallestFlavorOptions } from './cloud/flavors.js';
export type { Volume, VolumeAttachment, CreateVolumeOptions, VolumeWaitOptions, ServerRef, VolumeRef } from './cloud/volumes.js';
export type { KeyPair, KeyPairInput } from './resources/compute/keypair.js';
export type { CreateKeyPairOptions, KeyPairReadOptions } from './cloud/facade/compute-methods.js';
export type { Network, CreatedNetwork, CreateNetworkOptions, DeletedNetwork } from './cloud/networks.js';
export type { SecurityGroup, SecurityGroupRule, CreateSecurityGroupRuleOptions } from './cloud/security-groups.js';
export {
  TaskRecorder,
  TaskStore,
  Task,
  taskErrorFrom,
  type TaskRecord,
  type TaskStatus,
  type TaskStep,
  type TaskError,
  type TaskKind,
  type ListTasksOptions,
  type TaskStoreOptions,
  type TaskRecorderOptions,
  type StartTaskOptions,
  type TaskStepHandle,
  type TaskDependencies,
} from './tasks/index.js';
export { SharedPoller, type SharedPollerOptions, type WaitOptions, type WaitCondition, type WaitProgress, type NudgeOptions } from './wait/shared-poller.js';
export type { PollCoordinator, PollSnapshot } from './wait/poll-coordinator.js';
export type { ListSource } from './wait/list-source.js';
export { coordinatedListSource, type CoordinatedListSourceOptions } from './wait/coordinated-list-source.js';
export { loadCloudConfig, listCloudNames, loadAllCloudConfigs, type LoadCloudOptions } from './config/index.js';
export type { CloudConfig, AuthConfig, AuthType, ServiceConfig, NetworkConfig, CacheConfig } from './config/cloud-config.js';
export type { ServiceDescription } from './http/connection.js';
export type { ServiceClient, RequestOptions, ServiceResponse, PaginateOptions, SearchParams, ByteSource, StreamBody, StreamResponse } from './http/service-client.js';
export type { AuthResult } from './auth/auth-result.js';
export type { Catalog, CatalogService, CatalogEndpoint } from './discovery/catalog.js';
export { createStderrLogger, silentLogger, type Logger } from './internal/logger.js';
export { withRequestContext } from './http/request-context.js';
export { Microversion } from './discovery/microversion.js';
export { createCache } from './cache/create-cache.js';
// Errors one by one: errors/index.ts also holds helpers for the package itself (guardFor, the name registry).
export {
  CanopyError,
  isCanopyError,
  ConfigError,
  isConfigError,
  type ConfigErrorDetails,
  MissingPackageError,
  isMissingPackageError,
  HttpError,
  isHttpError,
  type HttpErrorDetails,
  NotFoundError,
  isNotFoundError,
  ConflictError,
  isConflictError,
  UnauthorizedError,
  isUnauthorizedError,
  ForbiddenError,
  isForbiddenError,
  BadRequestError,
  isBadRequestError,
  RateLimitError,
  isRateLimitError,
  ServiceUnavailableError,
  isServiceUnavailableError,
  NotAcceptableError,
  isNotAcceptableError,
  ResponseValidationError,
  isResponseValidationError,
  type ValidationIssue,
  ConnectionError,
  isConnectionError,
  EndpointNotFoundError,
  isEndpointNotFoundError,
  DiscoveryError,
  isDiscoveryError,
  AmbiguousMatchError,
  isAmbiguousMatchError,
  ResourceInUseError,
  isResourceInUseError,
  ResourceFailedError,
  isResourceFailedError,
  type ResourceFault,
  WaitTimeoutError,
  isWaitTimeoutError,
  AmbiguousOutcomeError,
  isAmbiguousOutcomeError,
  UnsupportedError,
  isUnsupportedError,
  type UnsupportedDetails,
  ChecksumMismatchError,
  isChecksumMismatchError,
} from './errors/index.js';
// The resource model: kinds declared once, and the types of their verbs.
export type { ResourceKind, StatusRules, ListFilter, RestLayout, KindCalls, KindCallOptions, NormalizeScope } from './resources/resource-kind.js';
export type { ListOptions } from './verbs/list-resources.js';
export type { ChangeOptions, DeleteResult } from './verbs/change-resources.js';
export type { WaitLimitOptions } from './verbs/wait-for-resource.js';
export type { ReadOptions } from './cloud/facade/compute-methods.js';
// The server lifecycle.
export type { ServerActionOperation, ServerActionOptions, AcceptedAction } from './cloud/server-lifecycle.js';
export type { RebootOptions, LockOptions, RescueOptions, UnshelveOptions } from './resources/compute/server-actions.js';
export type { ResizeServerOptions, RebuildServerOptions } from './cloud/server-resize.js';
export type { CreateServerImageOptions } from './cloud/server-image.js';
export type { ServerInterface, ServerConsole, ServerAction, ServerCallOptions, InterfaceTarget, ServerChanges } from './cloud/server-details.js';
export type { ServerGroup, ServerGroupInput, ServerGroupPolicy } from './resources/compute/server-group.js';
export type { ServerVolumeAttachment } from './services/compute/volume-attachments.js';
// Block storage.
export type { VolumeSnapshot, VolumeSnapshotChanges, VolumeSnapshotFilters } from './resources/block-storage/volume-snapshot.js';
export type { CreateVolumeSnapshotOptions } from './cloud/facade/block-storage-methods.js';
// Quotas, limits and the pre-flight check (idq16).
export { QuotaExceededError, isQuotaExceededError, type QuotaShortfall, type QuotaServiceAnswer } from './errors/index.js';
export type { Quota, QuotaService, QuotaChanges, ServiceLimits, GetQuotasOptions } from './cloud/quotas/quota-model.js';
export type { SetQuotasOptions, ResetQuotasOptions } from './cloud/facade/quota-methods.js';
export type { ListVolumesOptions } from './cloud/facade/block-storage-methods.js';
export type { VolumeFilters } from './resources/block-storage/volume.js';
export type { VolumeChanges, VolumeActionOptions, ExtendVolumeOptions, RetypeVolumeOptions } from './cloud/volume-actions.js';
export type { VolumeType, VolumeTypeChanges, VolumeTypeFilters } from './resources/block-storage/volume-type.js';
export type { CreateVolumeTypeOptions } from './cloud/facade/volume-backup-methods.js';
export { serverQuotaPlan, type QuotaPlan, type QuotaCheck, type QuotaNeed, type PlannedServers, type PlannedVolumes } from './cloud/quotas/preflight.js';
// Object storage (swift15).
export { InvalidInputError, isInvalidInputError, type InvalidInputDetails } from './errors/index.js';
export type { SwiftInfo } from './object-store/info.js';
export type { Container, ContainerSummary, ContainerSettings, CreateContainerOptions, ListContainersOptions, DeleteContainerOptions } from './object-store/containers.js';
export type { ObjectEntry, ObjectInfo, ListObjectsOptions, UpdateObjectOptions, CopyObjectOptions, DeleteObjectOptions } from './object-store/objects.js';
export type { BulkDeleteOptions, BulkDeleteResult } from './object-store/bulk-delete.js';
export type { UploadObjectOptions, UploadResult, LargeObjectMode } from './object-store/upload.js';
export type { DownloadObjectOptions, DownloadResult } from './object-store/download.js';
export type { TempUrl, TempUrlOptions, SetTempUrlKeyOptions } from './object-store/temp-url.js';
// Networking primitives (net14).
export type { NetworkDetails, NetworkChanges, NetworkFilters } from './resources/network/network.js';
export type { Subnet, SubnetBody, SubnetChanges, SubnetFilters, Ipv6Mode, Route } from './resources/network/subnet.js';
export type { Port, PortBody, PortUpdateBody, PortFilters, FixedIp, AllowedAddressPair, VnicType } from './resources/network/port.js';
export type { Router, RouterBody, RouterUpdateBody, RouterFilters } from './resources/network/router.js';
export type { UpdateNetworkChanges } from './cloud/network-primitives/network-update.js';
export type { CreateSubnetOptions, UpdateSubnetChanges } from './cloud/network-primitives/subnets.js';
export type { CreatePortOptions, UpdatePortChanges, FixedIpRequest } from './cloud/network-primitives/ports.js';
export type { CreateRouterOptions, UpdateRouterChanges, RouterInterface, RouterInterfaceTarget, DeleteRouterOptions } from './cloud/network-primitives/routers.js';
export type { SecurityGroupChanges, ListSecurityGroupRulesOptions } from './cloud/network-primitives/security-group-changes.js';
export type { CreateSecurityGroupOptions } from './cloud/security-groups.js';
export type { VolumeBackup, VolumeBackupChanges, VolumeBackupFilters } from './resources/block-storage/volume-backup.js';
export type { CreateVolumeBackupOptions, RestoreVolumeBackupOptions } from './cloud/volume-backups.js';
export type { BlockStorageAttachment, BlockStorageAttachmentFilters } from './resources/block-storage/volume-attachment.js';
// Identity (idq16).
export type { Project, ProjectChanges, ProjectFilters } from './resources/identity/project.js';
export type { User, UserChanges, UserFilters } from './resources/identity/user.js';
export type { Group, GroupChanges } from './resources/identity/group.js';
export type { Role, RoleInput } from './resources/identity/role.js';
export type { Domain, DomainChanges, DomainInput } from './resources/identity/domain.js';
export type { ApplicationCredential, ApplicationCredentialInput, AccessRule } from './resources/identity/application-credential.js';
export type { CreatedApplicationCredential } from './cloud/identity/application-credentials.js';
export type { RoleTarget, RoleAssignment, ListRoleAssignmentsOptions } from './cloud/identity/role-assignments.js';
export type { CreateProjectOptions, CreateUserOptions } from './cloud/facade/identity-methods.js';
export type { CreateGroupOptions, CreateApplicationCredentialOptions } from './cloud/facade/identity-access-methods.js';
