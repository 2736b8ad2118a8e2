#pragma once

#include "jinja/Value.h"

// How a template is lexed and rendered. The defaults are those of Ansible's template module.
namespace Jinja {

struct Limits {
    qint64 maxLoopIterations = 1'000'000; // over the whole render, all loops together
    int maxRecursionDepth = 100; // macro calls and recursive loops
    qsizetype maxOutputSize = 64 * 1024 * 1024; // characters, also the largest string/list a template may build
    qint64 maxRangeSize = 1'000'000; // range() length
};

struct Options {
    bool trimBlocks = true;
    bool lstripBlocks = false;
    bool keepTrailingNewline = true;
    UndefinedMode undefined = UndefinedMode::Strict;
    Limits limits;
};

} // namespace Jinja
