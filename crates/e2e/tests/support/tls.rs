//! A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost.
//!
//! `bw` refuses every non-HTTPS URL, loopback included, so the server under test serves TLS
//! and `bw` trusts this CA through `NODE_EXTRA_CA_CERTS`. A real CA plus a leaf (rather than
//! one self-signed leaf) is what Node's verifier expects from an extra CA file.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use std::path::PathBuf;

pub struct TestPki {
    /// Holds the PEM files; removed when the test ends.
    _dir: tempfile::TempDir,
    pub ca_pem: PathBuf,
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
}

impl TestPki {
    pub fn generate() -> Self {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "Bulwark e2e throw-away CA");
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params.self_signed(&ca_key).expect("self-sign CA");

        let server_key = KeyPair::generate().expect("server key");
        let mut params =
            CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .expect("server cert params");
        params
            .distinguished_name
            .push(DnType::CommonName, "127.0.0.1");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let cert = params
            .signed_by(&server_key, &ca_cert, &ca_key)
            .expect("sign server cert");

        let dir = tempfile::tempdir().expect("temp dir for TLS files");
        let write = |name: &str, pem: String| {
            let path = dir.path().join(name);
            std::fs::write(&path, pem).expect("write PEM");
            path
        };
        Self {
            ca_pem: write("ca.pem", ca_cert.pem()),
            cert_pem: write("cert.pem", cert.pem()),
            key_pem: write("key.pem", server_key.serialize_pem()),
            _dir: dir,
        }
    }
}
