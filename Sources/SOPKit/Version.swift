public enum SOPKitVersion { public static let string = "0.1.0" }
