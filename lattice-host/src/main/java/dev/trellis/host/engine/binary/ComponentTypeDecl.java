package dev.trellis.host.engine.binary;

/**
 * A declarator inside a component type: everything an instance type may declare, plus imports.
 * Declarators build the type's own local index spaces, in order.
 */
public sealed interface ComponentTypeDecl permits InstanceTypeDecl, Import {}
