/** Korean for the English messages the documents models produce (keyed by the exact English text). */
export const documents: Record<string, string> = {
  "Every earlier version of your files is kept, and together they have reached this application's storage limit. Upload a smaller file.":
    "올린 파일의 이전 버전은 모두 보관되며, 그 합계가 이 신청의 저장 한도에 이르렀습니다. 더 작은 파일을 올리세요.",
  "Earlier versions are kept and count too: upload a smaller file": "이전 버전도 보관되어 한도에 포함됩니다. 더 작은 파일을 올리세요",
  "Only the applicant can upload documents.": "서류는 신청인만 올릴 수 있습니다.",
  "Choose what the document is.": "어떤 서류인지 선택하세요.",
  "Choose what the document is": "어떤 서류인지 선택하세요",
  "The file is empty. Choose the file again.": "빈 파일입니다. 파일을 다시 선택하세요.",
  "The file is empty": "빈 파일입니다",
  "The file is not a PDF, PNG or JPEG, whatever its name says. Upload a PDF or an image.":
    "파일 이름과 관계없이 이 파일은 PDF, PNG, JPEG가 아닙니다. PDF나 이미지 파일을 올리세요.",
  "The file must be a PDF, PNG or JPEG": "파일은 PDF, PNG 또는 JPEG여야 합니다",
  "This request for evidence is not open for uploads.": "이 보완 요청은 더 이상 파일을 받지 않습니다.",
  "Documents can be added to a draft, or in answer to a request for evidence.": "서류는 초안 단계이거나 보완 요청에 답할 때만 추가할 수 있습니다.",
  "This file was already replaced. Replace the newest version instead.": "이미 대체된 파일입니다. 최신 버전을 바꾸세요.",
  "This file answered a request that is closed; it can no longer be replaced.": "종료된 보완 요청에 대한 파일이라 더 이상 바꿀 수 없습니다.",
  "Files can be replaced until the application is submitted.": "파일은 신청서를 제출하기 전까지만 바꿀 수 있습니다.",
  "This file was replaced meanwhile. Reload the page and try again.": "그사이 파일이 대체되었습니다. 페이지를 새로 고친 뒤 다시 시도하세요.",
  "Document not found.": "서류를 찾을 수 없습니다.",
  "The file of this document is missing from storage.": "이 서류의 파일이 저장소에 없습니다.",
  "The upload could not be read. Choose the file and try again.": "올린 파일을 읽을 수 없습니다. 파일을 선택하고 다시 시도하세요.",
  "Choose a file to upload.": "올릴 파일을 선택하세요.",
  "Choose a file": "파일을 선택하세요",
  "The file's name could not be read. Rename the file with letters, digits, spaces, - or _ and upload it again.":
    "파일 이름을 읽을 수 없습니다. 글자, 숫자, 공백, - 또는 _로 된 이름으로 바꾼 뒤 다시 올리세요.",
  "Rename the file with letters, digits, spaces, - or _": "글자, 숫자, 공백, - 또는 _로 된 이름으로 파일 이름을 바꾸세요",
  "Send one file at a time": "파일을 하나씩 올리세요",
  // Issue 11 item 5: several files per upload.
  "Some files were not uploaded.": "일부 파일을 올리지 못했습니다.",
  "Some files were not uploaded": "일부 파일을 올리지 못했습니다",
  "A file is replaced by one file: choose one.": "파일 하나는 파일 하나로 바꿉니다. 하나만 선택하세요.",
  "Choose one file to replace it": "바꿀 파일을 하나만 선택하세요",
  "The upload has too many parts: send at most 10 files with their form (at most 10 other fields).": "업로드에 포함된 항목이 너무 많습니다. 한 번에 파일은 10개까지(다른 입력 항목은 10개까지) 보낼 수 있습니다.",
  "Send at most 10 files at a time": "파일은 한 번에 10개까지 올릴 수 있습니다",
};
