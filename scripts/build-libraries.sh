# Sourced by build-site.sh and test.sh: appends to `needed` the Debian development packages of the
# C libraries the build links that are missing here.
#   cmark-gfm        Markdown
#   zlib             gzip activity exports for `sopgen review`
#   SQLite           the review store (GRDB.swift links the system library)
#   jemalloc         the allocator the sopgen binary links on Linux (a build spends a sixth of its
#                    CPU in glibc's malloc and free; README, Performance)
pkg-config --exists libcmark-gfm 2>/dev/null && [ -f /usr/include/cmark-gfm-core-extensions.h ] \
  || needed+=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)
[ -f /usr/include/zlib.h ] || needed+=(zlib1g-dev)
[ -f /usr/include/sqlite3.h ] || needed+=(libsqlite3-dev)
pkg-config --exists jemalloc 2>/dev/null || needed+=(libjemalloc-dev pkg-config)
