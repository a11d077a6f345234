// ANCHOR: here
# hidden
fn main() {}
// ANCHOR_END: here
