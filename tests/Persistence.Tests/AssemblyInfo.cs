// Silos bind ports and share two cores with other engineers' builds: one test class at a time keeps
// start-up times (and therefore the waits for reminders and membership) predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
