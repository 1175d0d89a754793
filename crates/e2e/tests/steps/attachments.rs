//! Attachments: upload, download (byte-identical), delete.

use super::items::CARD;
use super::Ctx;

const FILE_NAME: &str = "scan äö.bin";

/// Every byte value, and more than one AES block's worth, so padding and encoding bugs show.
fn content() -> Vec<u8> {
    (0..5000u32).map(|i| (i * 7 % 256) as u8).collect()
}

pub async fn round_trip(ctx: &mut Ctx) {
    let card = ctx.id(CARD);
    let upload = ctx.path(FILE_NAME);
    std::fs::write(&upload, content()).expect("write attachment");
    let upload_arg = upload.to_str().expect("UTF-8 temp path").to_owned();
    let item = ctx
        .bw
        .json(&[
            "create",
            "attachment",
            "--file",
            &upload_arg,
            "--itemid",
            &card,
        ])
        .await;
    let attachments = item["attachments"].as_array().cloned().unwrap_or_default();
    assert_eq!(attachments.len(), 1, "bw create attachment: {item}");
    assert_eq!(attachments[0]["fileName"], FILE_NAME, "{item}");
    let attachment_id = attachments[0]["id"]
        .as_str()
        .expect("attachment id")
        .to_owned();

    let download = ctx.path("downloaded.bin");
    let download_arg = download.to_str().expect("UTF-8 temp path").to_owned();
    ctx.bw
        .ok(&[
            "get",
            "attachment",
            FILE_NAME,
            "--itemid",
            &card,
            "--output",
            &download_arg,
        ])
        .await;
    let got = std::fs::read(&download).expect("bw get attachment wrote the file");
    assert!(
        got == content(),
        "downloaded attachment differs ({} bytes)",
        got.len()
    );

    ctx.bw
        .ok(&["delete", "attachment", &attachment_id, "--itemid", &card])
        .await;
}
