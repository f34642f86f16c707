//! The fonts bundled into the binary: the PDF is set in them, and chart labels are measured with them.

/// Inter in four styles: regular, bold, italic, bold italic.
pub static FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../../assets/fonts/Inter-Bold.otf"),
    include_bytes!("../../assets/fonts/Inter-Italic.otf"),
    include_bytes!("../../assets/fonts/Inter-BoldItalic.otf"),
];
