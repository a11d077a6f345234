fn main() {
    // ANCHOR: ratio
    let cement = 1;
    let sand = 2;
    let gravel = 3;
# let hidden_in_rustdoc = true;
    // ANCHOR_END: ratio
    println!("{cement}:{sand}:{gravel}");
}
##[allow(dead_code)]
struct Bag;
