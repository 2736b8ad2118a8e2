#pragma once

#include "jobs/JobEvent.h"

// Receives every event of a job as it happens, in sequence order, on the engine's thread: the store (batched,
// durable writes), the server's stream, the GUI's models, the CLI's printer. append() must be quick; a sink that
// does slow work queues it.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void append(const JobEvent& event) = 0;
};
