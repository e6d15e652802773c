"""The browser companion: its message protocol, native-messaging framing and window watch."""
