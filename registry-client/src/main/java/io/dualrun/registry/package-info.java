/**
 * The schema registry as dualrun uses it: {@link io.dualrun.registry.SchemaRegistry} (register,
 * look up, fetch by id) over a Confluent-API registry. The genuine Confluent client is bundled in
 * this module under relocated names; {@link io.dualrun.registry.ConfluentRegistry} is the one class
 * that names them.
 */
package io.dualrun.registry;
