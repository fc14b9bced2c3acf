/*
 * The `counter` fixture: an exported resource implemented by hand against the canonical ABI.
 *
 * The representation (rep) of a counter is a pointer to its heap state. The component-level
 * handle table lives in the host: this module turns a rep into a handle with [resource-new],
 * a handle back into its rep with [resource-rep], and drops handles it owns with
 * [resource-drop], which makes the host call the destructor export ([dtor]) with the rep.
 * Methods and borrow<counter> parameters receive the rep directly, because this instance
 * defines the resource.
 */
#include "trellis_cabi.h"

#define IFACE "trellis:examples/counters"

CABI_IMPORT("[export]" IFACE, "[resource-new]counter") int32_t counter_resource_new(int32_t rep);
CABI_IMPORT("[export]" IFACE, "[resource-rep]counter") int32_t counter_resource_rep(int32_t handle);
CABI_IMPORT("[export]" IFACE, "[resource-drop]counter") void counter_resource_drop(int32_t handle);

typedef struct {
  int32_t value;
} counter;

static uint32_t live;
static uint32_t destroyed;

static int32_t new_counter(int32_t start) {
  counter *c = malloc(sizeof(counter));
  if (c == NULL) abort();
  c->value = start;
  live++;
  return counter_resource_new((int32_t)(uintptr_t)c);
}

static counter *rep_of(int32_t rep) { return (counter *)(uintptr_t)(uint32_t)rep; }

CABI_EXPORT(IFACE "#[constructor]counter") int32_t counter_constructor(int32_t start) {
  return new_counter(start);
}

CABI_EXPORT(IFACE "#[method]counter.increment") int32_t counter_increment(int32_t self, int32_t by) {
  counter *c = rep_of(self);
  c->value = (int32_t)((uint32_t)c->value + (uint32_t)by);
  return c->value;
}

CABI_EXPORT(IFACE "#[method]counter.get") int32_t counter_get(int32_t self) {
  return rep_of(self)->value;
}

CABI_EXPORT(IFACE "#[static]counter.live-instances") uint32_t counter_live_instances(void) {
  return live;
}

CABI_EXPORT(IFACE "#sum") int32_t counters_sum(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)rep_of(a)->value + (uint32_t)rep_of(b)->value);
}

/* own<counter> parameters arrive as handles in this instance's table. */
CABI_EXPORT(IFACE "#merge") int32_t counters_merge(int32_t a, int32_t b) {
  int32_t total = (int32_t)((uint32_t)rep_of(counter_resource_rep(a))->value +
                            (uint32_t)rep_of(counter_resource_rep(b))->value);
  counter_resource_drop(a);
  counter_resource_drop(b);
  return new_counter(total);
}

CABI_EXPORT(IFACE "#destroyed-total") uint32_t counters_destroyed_total(void) { return destroyed; }

CABI_EXPORT(IFACE "#[dtor]counter") void counter_dtor(int32_t rep) {
  free(rep_of(rep));
  live--;
  destroyed++;
}
