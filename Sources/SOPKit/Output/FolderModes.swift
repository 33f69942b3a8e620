import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The swapped-in folder takes over the previous output's permissions, group and setgid bit (a web
/// server reading `/var/www/handbook` keeps reading it); a first output gets the usual mode for the
/// user's umask. `mkdtemp` makes staging folders 0700, which no web server could read.
enum FolderModes {
    static func copy(from previous: String?, to staging: String) throws(FileCreation.Failure) {
        var status = stat()
        if let previous, lstat(previous, &status) == 0 {
            // Group first (chown may clear the setgid bit), then the mode; an owner change needs
            // privileges sopgen may not have, and is not worth failing a build for.
            _ = chown(staging, status.st_uid, status.st_gid)
            guard chmod(staging, status.st_mode & 0o7777) == 0 else { throw FileCreation.Failure(path: staging, code: errno) }
            return
        }
        let mask = umask(0o022)
        umask(mask)
        guard chmod(staging, 0o777 & ~mask) == 0 else { throw FileCreation.Failure(path: staging, code: errno) }
    }
}
