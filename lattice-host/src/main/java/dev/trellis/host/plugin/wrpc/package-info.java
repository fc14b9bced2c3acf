/**
 * The wRPC host plugin: interfaces a workload routes over wRPC (a host-interface entry whose config
 * has {@code wrpc:name}) are satisfied by remote calls instead of in-process plugins. Imports
 * become wRPC client calls generated from the signature the guest imports ({@link
 * dev.trellis.host.plugin.wrpc.RemoteInterfaces}); exports are served with a wRPC server ({@link
 * dev.trellis.host.plugin.wrpc.ExportServing}). Both use the prefix {@code {hostgroup}.{wrpc:name}}
 * ({@link dev.trellis.proto.Subjects#wrpcPrefix}); {@code docs/wrpc.md} describes the rule and the
 * entry's configuration keys.
 */
package dev.trellis.host.plugin.wrpc;
