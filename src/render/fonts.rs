//! The fonts bundled into the binary: the PDF is set in them, and chart labels are measured with them.

/// Inter regular: chart labels are measured with it.
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
/// Inter bold: the names of the steps in the chart are measured with it.
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.otf");

/// Inter in four styles, for the PDF: regular, bold, italic, bold italic. The italic faces are only in a build
/// that makes PDFs.
#[cfg(feature = "pdf")]
pub static FONT_FILES: [&[u8]; 4] = [
    REGULAR,
    BOLD,
    include_bytes!("../../assets/fonts/Inter-Italic.otf"),
    include_bytes!("../../assets/fonts/Inter-BoldItalic.otf"),
];
