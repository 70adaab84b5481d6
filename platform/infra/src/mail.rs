//! Outgoing mail through lettre: SMTP in production, `.eml` files in a folder by default.

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use secrecy::ExposeSecret;

use crate::settings::{MailSettings, MailTransport};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail settings: {0}")]
    Settings(String),
    #[error("the message could not be built: {0}")]
    Message(String),
    #[error("the message could not be sent: {0}")]
    Send(String),
}

#[derive(Clone)]
enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// Sends plain-text messages from the configured sender.
#[derive(Clone)]
pub struct Mail {
    transport: Transport,
    from: Mailbox,
}

impl Mail {
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from: Mailbox = settings.from.parse().map_err(|e| MailError::Settings(format!("mail.from: {e}")))?;
        let transport = match settings.transport {
            MailTransport::File => {
                std::fs::create_dir_all(&settings.dir)
                    .map_err(|e| MailError::Settings(format!("mail.dir {}: {e}", settings.dir.display())))?;
                Transport::File(AsyncFileTransport::new(&settings.dir))
            }
            MailTransport::Smtp => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.smtp_url.expose_secret())
                    .map_err(|e| MailError::Settings(format!("mail.smtp_url: {e}")))?
                    .build(),
            ),
        };
        Ok(Self { transport, from })
    }

    pub async fn send(&self, to: &str, subject: &str, text: String) -> Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|e| MailError::Message(format!("recipient: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| MailError::Message(e.to_string()))?;
        match &self.transport {
            Transport::File(file) => file.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
        }
    }
}
