<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AccessKeyPanel</name>
    <message>
        <source>The chip of your card is locked. It opens with details printed on the card. Choose what you want to type, and leave the card on the reader.</source>
        <translation>Chip của thẻ đang được khóa bảo vệ và chỉ mở khi nhập thông tin in trên thẻ. Ông/Bà hãy chọn thông tin muốn nhập và để nguyên thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>Number on the front (6 digits)</source>
        <translation>Số ở mặt trước (6 chữ số)</translation>
    </message>
    <message>
        <source>The card access number, as marked in the picture</source>
        <translation>Số truy cập thẻ, ở vị trí đánh dấu trong hình</translation>
    </message>
    <message>
        <source>Details on the back</source>
        <translation>Thông tin ở mặt sau</translation>
    </message>
    <message>
        <source>Document number, date of birth and expiry date</source>
        <translation>Số giấy tờ, ngày sinh và ngày hết hạn</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Type your ID number instead</source>
        <translation>Nhập số định danh thay thế</translation>
    </message>
    <message>
        <source>Scan the QR code on your card</source>
        <translation>Quét mã QR trên thẻ của bạn</translation>
    </message>
    <message>
        <source>Type the number on the front of your card</source>
        <translation>Nhập số ở mặt trước thẻ</translation>
    </message>
    <message>
        <source>Type the details on the back of your card</source>
        <translation>Nhập thông tin ở mặt sau thẻ</translation>
    </message>
    <message>
        <source>Open the chip of your card</source>
        <translation>Mở chip của thẻ</translation>
    </message>
    <message>
        <source>Card access number</source>
        <translation>Số truy cập thẻ</translation>
    </message>
    <message>
        <source>Type the 6 digits printed on the front of your card, where the picture marks them. Leave the card on the reader.</source>
        <translation>Ông/Bà hãy nhập 6 chữ số in ở mặt trước thẻ, tại vị trí đánh dấu trong hình. Để nguyên thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>Số giấy tờ</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Ngày hết hạn</translation>
    </message>
    <message>
        <source>{step} of {count}: {field}</source>
        <translation>Mục {step}/{count}: {field}</translation>
    </message>
    <message>
        <source>At the bottom of the back, in the first line: skip the first 5 characters, then type the letters and digits marked 1. Leave out the single digit after them.</source>
        <translation>Ở dòng thứ nhất phía dưới mặt sau: bỏ qua 5 ký tự đầu, rồi nhập các chữ cái và chữ số được đánh dấu 1. Không nhập chữ số đứng ngay sau chúng.</translation>
    </message>
    <message>
        <source>The first 6 digits of the second line, marked 2: year, month and day, 2 digits each (12 March 1984 is 840312).</source>
        <translation>6 chữ số đầu của dòng thứ hai, được đánh dấu 2: năm, tháng, ngày, mỗi phần 2 chữ số (ngày 12 tháng 3 năm 1984 là 840312).</translation>
    </message>
    <message>
        <source>On the second line, marked 3: after your date of birth come one digit and one letter; the next 6 digits are the expiry date. Year, month and day, 2 digits each.</source>
        <translation>Trên dòng thứ hai, được đánh dấu 3: sau ngày sinh là một chữ số và một chữ cái; 6 chữ số tiếp theo là ngày hết hạn. Năm, tháng, ngày, mỗi phần 2 chữ số.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp theo</translation>
    </message>
    <message>
        <source>This is not a date: check the month and the day.</source>
        <translation>Đây không phải là ngày hợp lệ: Ông/Bà hãy kiểm tra tháng và ngày.</translation>
    </message>
</context>
<context>
    <name>BusyPanel</name>
    <message>
        <source>Please wait…</source>
        <translation>Vui lòng chờ…</translation>
    </message>
    <message>
        <source>Waiting for {seconds} s</source>
        <translation>Đã chờ {seconds} giây</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting the camera…</source>
        <translation>Đang khởi động camera…</translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message>
        <source>Why are you here today?</source>
        <translation>Ông/Bà cần làm thủ tục gì hôm nay?</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <source>Secrets are hidden. Change the configuration file and restart to change a setting.</source>
        <translation>Các giá trị bí mật được ẩn. Muốn đổi một thiết lập, hãy sửa tệp cấu hình rồi khởi động lại.</translation>
    </message>
</context>
<context>
    <name>ConfirmOverlay</name>
    <message>
        <source>Cancel your application? Everything you entered will be deleted.</source>
        <translation>Hủy hồ sơ? Mọi thông tin đã nhập sẽ bị xóa.</translation>
    </message>
    <message>
        <source>Yes, cancel</source>
        <translation>Có, hủy hồ sơ</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>Không, tiếp tục</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>Your data and photo</source>
        <translation>Thông tin và ảnh của bạn</translation>
    </message>
    <message>
        <source>I agree that my data and photo are used only to make my new ID card. They are sent encrypted and deleted from this machine when I finish.</source>
        <translation>Tôi đồng ý cho sử dụng thông tin và ảnh của tôi chỉ để làm thẻ mới. Thông tin được mã hóa khi gửi và bị xóa khỏi máy này khi tôi kết thúc.</translation>
    </message>
    <message>
        <source>Nothing is read and the camera stays off until you agree.</source>
        <translation>Máy không đọc thông tin nào và camera tắt cho đến khi bạn đồng ý.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Leave maintenance</source>
        <translation>Thoát bảo trì</translation>
    </message>
    <message>
        <source>Maintenance · {role}</source>
        <translation>Bảo trì · {role}</translation>
    </message>
    <message>
        <source>Closes when idle in {time}</source>
        <translation>Tự đóng sau {time} không thao tác</translation>
    </message>
</context>
<context>
    <name>ContactScreen</name>
    <message>
        <source>We send a text message to your mobile phone when your new card is ready.</source>
        <translation>Chúng tôi sẽ gửi tin nhắn đến điện thoại di động khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>How do you want to get your new card?</source>
        <translation>Ông/Bà muốn nhận thẻ mới bằng cách nào?</translation>
    </message>
    <message>
        <source>Come back here with your receipt.</source>
        <translation>Mang biên nhận đến đây để nhận thẻ.</translation>
    </message>
    <message>
        <source>We send the card to your address.</source>
        <translation>Thẻ được gửi đến địa chỉ của Ông/Bà.</translation>
    </message>
    <message>
        <source>Where should we send your card?</source>
        <translation>Gửi thẻ đến địa chỉ nào?</translation>
    </message>
    <message>
        <source>Tap your region in the list, one level after the other.</source>
        <translation>Chạm chọn địa bàn của bạn trong danh sách, lần lượt từng cấp.</translation>
    </message>
    <message>
        <source>Type the street, the house number and the building.</source>
        <translation>Nhập số nhà, tên đường và tòa nhà.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Đổi</translation>
    </message>
    <message>
        <source>Your mobile phone number</source>
        <translation>Số điện thoại di động</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
</context>
<context>
    <name>DeviceErrorScreen</name>
    <message>
        <source>Sorry, something is not working</source>
        <translation>Xin lỗi, thiết bị đang gặp sự cố</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
</context>
<context>
    <name>DeviceTestsPage</name>
    <message>
        <source>Put a test card on the reader. For a PACE test card, type its CAN first.</source>
        <translation>Đặt thẻ thử lên đầu đọc. Với thẻ thử PACE, hãy nhập CAN trước.</translation>
    </message>
    <message>
        <source>Read the card</source>
        <translation>Đọc thẻ</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>In trang thử</translation>
    </message>
    <message>
        <source>New paper roll put in</source>
        <translation>Đã lắp cuộn giấy mới</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Tắt camera</translation>
    </message>
    <message>
        <source>Start the camera</source>
        <translation>Bật camera</translation>
    </message>
    <message>
        <source>No camera is configured.</source>
        <translation>Chưa cấu hình camera.</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Đang mở camera…</translation>
    </message>
    <message>
        <source>The camera did not open ({error}).</source>
        <translation>Camera không mở được ({error}).</translation>
    </message>
    <message>
        <source>A box marks the face the kiosk finds.</source>
        <translation>Khung đánh dấu khuôn mặt máy tìm thấy.</translation>
    </message>
    <message>
        <source>Without a CAN</source>
        <translation>Không dùng CAN</translation>
    </message>
    <message>
        <source>Type a CAN</source>
        <translation>Nhập CAN</translation>
    </message>
    <message>
        <source>Waiting for a card and reading it…</source>
        <translation>Đang chờ thẻ và đọc…</translation>
    </message>
    <message>
        <source>The test stopped ({error}).</source>
        <translation>Phép thử đã dừng ({error}).</translation>
    </message>
    <message>
        <source>Reader: {name}</source>
        <translation>Đầu đọc: {name}</translation>
    </message>
    <message>
        <source>Access: {protocol}</source>
        <translation>Truy cập: {protocol}</translation>
    </message>
    <message>
        <source>Signature chain: {status}</source>
        <translation>Chuỗi chữ ký: {status}</translation>
    </message>
    <message>
        <source>{apdus} APDUs, {size} bytes</source>
        <translation>{apdus} APDU, {size} byte</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>Máy in: {state}</translation>
    </message>
    <message>
        <source>About {n} receipts left on the roll.</source>
        <translation>Cuộn giấy còn khoảng {n} biên nhận.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Printed. Status before: {before}, after: {after}.</source>
        <translation>Đã in. Trạng thái trước: {before}, sau: {after}.</translation>
    </message>
    <message>
        <source>Not printed. Status before: {before}, after: {after}.</source>
        <translation>Chưa in được. Trạng thái trước: {before}, sau: {after}.</translation>
    </message>
</context>
<context>
    <name>EligibilityScreen</name>
    <message>
        <source>Is this you?</source>
        <translation>Đây có phải là Ông/Bà không?</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Your card expires</source>
        <translation>Thẻ hết hạn ngày</translation>
    </message>
    <message>
        <source>New card valid for</source>
        <translation>Thời hạn thẻ mới</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>This is not me</source>
        <translation>Không phải tôi</translation>
    </message>
    <message>
        <source>Yes, continue</source>
        <translation>Đúng, tiếp tục</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Your card has expired. You can renew it now.</source>
        <translation>Thẻ của Ông/Bà đã hết hạn. Có thể làm thẻ mới ngay bây giờ.</translation>
    </message>
    <message>
        <source>You can apply for your new card here.</source>
        <translation>Ông/Bà có thể làm thủ tục cấp thẻ mới tại đây.</translation>
    </message>
    <message>
        <source>Next, the camera takes your new photo.</source>
        <translation>Tiếp theo, camera sẽ chụp ảnh mới.</translation>
    </message>
    <message>
        <source>Next, the camera checks that it is you and takes your new photo.</source>
        <translation>Tiếp theo, camera sẽ xác thực khuôn mặt và chụp ảnh mới.</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Copies one day&apos;s export (sessions table, reconciliation, PDF summaries, signed manifest) onto a USB stick. No names or ID numbers are in it.</source>
        <translation>Sao chép bản xuất của một ngày (bảng phiên, đối soát, bản tóm tắt PDF, bản kê có chữ ký) vào USB. Trong đó không có họ tên hay số giấy tờ.</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>Ngày:</translation>
    </message>
    <message>
        <source>USB stick:</source>
        <translation>USB:</translation>
    </message>
    <message>
        <source>Write to the stick</source>
        <translation>Ghi vào USB</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Tìm lại</translation>
    </message>
    <message>
        <source>Looking for USB sticks…</source>
        <translation>Đang tìm USB…</translation>
    </message>
    <message>
        <source>No USB stick found: insert one, wait a moment, then tap Look again.</source>
        <translation>Không tìm thấy USB: hãy cắm vào, đợi một lát rồi chạm “Tìm lại”.</translation>
    </message>
    <message>
        <source>Tap the stick to write to.</source>
        <translation>Chạm vào USB muốn ghi.</translation>
    </message>
    <message>
        <source>The journal has no day to export yet.</source>
        <translation>Nhật ký chưa có ngày nào để xuất.</translation>
    </message>
    <message>
        <source>Writing… do not remove the stick.</source>
        <translation>Đang ghi… đừng rút USB.</translation>
    </message>
    <message>
        <source>Step {done} of {total}</source>
        <translation>Bước {done} / {total}</translation>
    </message>
    <message>
        <source>Not written.</source>
        <translation>Chưa ghi được.</translation>
    </message>
    <message>
        <source>Written and checked: the copy is good. You may remove the stick.</source>
        <translation>Đã ghi và kiểm tra: bản sao tốt. Có thể rút USB.</translation>
    </message>
    <message>
        <source>Folder {folder}: {files} files, {sessions} sessions; each file read back from the stick matches the kiosk&apos;s signed manifest.</source>
        <translation>Thư mục {folder}: {files} tệp, {sessions} phiên; mọi tệp đọc lại từ USB đều khớp với bản kê có chữ ký của máy.</translation>
    </message>
    <message>
        <source>Written, but the copy is not good.</source>
        <translation>Đã ghi, nhưng bản sao bị lỗi.</translation>
    </message>
    <message>
        <source>Folder {folder}: reading it back found these files changed or missing: {names}. Use another stick.</source>
        <translation>Thư mục {folder}: khi đọc lại, các tệp sau bị thay đổi hoặc thiếu: {names}. Hãy dùng USB khác.</translation>
    </message>
    <message>
        <source>Today ({date})</source>
        <translation>Hôm nay ({date})</translation>
    </message>
    <message>
        <source>Yesterday ({date})</source>
        <translation>Hôm qua ({date})</translation>
    </message>
    <message>
        <source>{name} (write-protected)</source>
        <translation>{name} (chống ghi)</translation>
    </message>
    <message>
        <source>{name} ({free} free)</source>
        <translation>{name} (còn trống {free})</translation>
    </message>
</context>
<context>
    <name>FaceCheckScreen</name>
    <message>
        <source>Look at the camera</source>
        <translation>Vui lòng nhìn vào camera</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>We compare your face with the photo of the person this e-ID code belongs to. Your details are shown once it matches.</source>
        <translation>Khuôn mặt của Ông/Bà được so sánh với ảnh của người sở hữu mã định danh điện tử này. Thông tin của Ông/Bà chỉ hiện ra khi khớp.</translation>
    </message>
    <message>
        <source>Use another way</source>
        <translation>Dùng cách khác</translation>
    </message>
    <message>
        <source>We compare your face with the photo the ID office holds for this number. Your details are shown once it matches.</source>
        <translation>Khuôn mặt của Ông/Bà được so sánh với ảnh mà cơ quan quản lý căn cước lưu cho số này. Thông tin của Ông/Bà chỉ hiện ra khi khớp.</translation>
    </message>
    <message>
        <source>Change the ID number</source>
        <translation>Sửa số định danh</translation>
    </message>
    <message>
        <source>Stand still in front of the screen and look at the camera. To show that you are really here, do what the picture asks:</source>
        <translation>Ông/Bà hãy đứng yên trước màn hình và nhìn vào camera. Để xác nhận Ông/Bà đang có mặt, hãy làm theo hướng dẫn trên hình:</translation>
    </message>
    <message>
        <source>Stand still in front of the screen and look straight at the camera. Take off glasses, a hat or a mask.</source>
        <translation>Ông/Bà hãy đứng yên trước màn hình và nhìn thẳng vào camera. Xin tháo kính, mũ hoặc khẩu trang.</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>Xin giữ yên…</translation>
    </message>
    <message>
        <source>Look at the camera and blink once</source>
        <translation>Nhìn vào camera và chớp mắt một lần</translation>
    </message>
    <message>
        <source>Checking that it is you…</source>
        <translation>Đang xác thực khuôn mặt…</translation>
    </message>
    <message>
        <source>Tries left: {count}</source>
        <translation>Số lần thử còn lại: {count}</translation>
    </message>
</context>
<context>
    <name>FingerprintsScreen</name>
    <message>
        <source>Your fingerprints</source>
        <translation>Vân tay của bạn</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>Quét lại</translation>
    </message>
    <message>
        <source>Use another finger</source>
        <translation>Dùng ngón tay khác</translation>
    </message>
    <message>
        <source>I cannot give fingerprints</source>
        <translation>Tôi không thể lấy vân tay</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Place your {finger} flat on the scanner.</source>
        <translation>Đặt {finger} của bạn nằm phẳng trên máy quét.</translation>
    </message>
    <message>
        <source>Finger {finger} of {fingers}, press {press} of {presses}</source>
        <translation>Ngón {finger}/{fingers}, lần ấn {press}/{presses}</translation>
    </message>
    <message>
        <source>Keep your finger still...</source>
        <translation>Giữ yên ngón tay...</translation>
    </message>
    <message>
        <source>Waiting for your finger.</source>
        <translation>Đang chờ ngón tay của bạn.</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <source>This screen closes by itself in {seconds} s.</source>
        <translation>Màn hình này sẽ tự đóng sau {seconds} giây.</translation>
    </message>
    <message>
        <source>Please take your ID card from the reader.</source>
        <translation>Ông/Bà vui lòng lấy thẻ căn cước ra khỏi đầu đọc.</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Xin cảm ơn</translation>
    </message>
    <message>
        <source>Your data has been deleted from this machine.</source>
        <translation>Thông tin của Ông/Bà đã được xóa khỏi máy này.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>Perfect. Hold still.</source>
        <translation>Rất tốt. Xin Ông/Bà giữ yên.</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>Xin Ông/Bà nhìn vào camera.</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please.</source>
        <translation>Xin chỉ một người đứng trước camera.</translation>
    </message>
    <message>
        <source>Come a little closer.</source>
        <translation>Xin Ông/Bà lại gần hơn một chút.</translation>
    </message>
    <message>
        <source>Move back a little.</source>
        <translation>Xin Ông/Bà lùi lại một chút.</translation>
    </message>
    <message>
        <source>Move a little to your left.</source>
        <translation>Xin Ông/Bà dịch sang trái một chút.</translation>
    </message>
    <message>
        <source>Move a little to your right.</source>
        <translation>Xin Ông/Bà dịch sang phải một chút.</translation>
    </message>
    <message>
        <source>Raise your head a little, or stand up straight.</source>
        <translation>Xin Ông/Bà ngẩng đầu lên một chút hoặc đứng thẳng.</translation>
    </message>
    <message>
        <source>Lower your head a little.</source>
        <translation>Xin Ông/Bà hạ thấp đầu một chút.</translation>
    </message>
    <message>
        <source>Look straight at the camera.</source>
        <translation>Xin Ông/Bà nhìn thẳng vào camera.</translation>
    </message>
    <message>
        <source>Lift your chin a little.</source>
        <translation>Xin Ông/Bà nâng cằm lên một chút.</translation>
    </message>
    <message>
        <source>Lower your chin a little.</source>
        <translation>Xin Ông/Bà hạ cằm xuống một chút.</translation>
    </message>
    <message>
        <source>Keep your head upright.</source>
        <translation>Xin Ông/Bà giữ đầu thẳng.</translation>
    </message>
    <message>
        <source>Please take off your glasses.</source>
        <translation>Xin Ông/Bà tháo kính ra.</translation>
    </message>
    <message>
        <source>Please take off your hat or head covering.</source>
        <translation>Xin Ông/Bà bỏ mũ hoặc khăn trùm đầu.</translation>
    </message>
    <message>
        <source>Keep your eyes open.</source>
        <translation>Xin Ông/Bà mở mắt.</translation>
    </message>
    <message>
        <source>Close your mouth and keep a neutral face.</source>
        <translation>Xin Ông/Bà ngậm miệng, giữ nét mặt tự nhiên.</translation>
    </message>
    <message>
        <source>It is too dark here. Step into the light.</source>
        <translation>Chỗ này quá tối. Xin Ông/Bà đứng ra chỗ sáng hơn.</translation>
    </message>
    <message>
        <source>Too much light on your face.</source>
        <translation>Ánh sáng trên mặt Ông/Bà quá mạnh.</translation>
    </message>
    <message>
        <source>Your face is lit unevenly. Face the screen squarely.</source>
        <translation>Ánh sáng trên mặt không đều. Xin Ông/Bà quay thẳng vào màn hình.</translation>
    </message>
    <message>
        <source>Stand in front of the plain background.</source>
        <translation>Xin Ông/Bà đứng trước phông nền trơn.</translation>
    </message>
    <message>
        <source>Hold still.</source>
        <translation>Xin Ông/Bà giữ yên.</translation>
    </message>
    <message>
        <source>Blink slowly once.</source>
        <translation>Xin Ông/Bà chớp mắt chậm một lần.</translation>
    </message>
    <message>
        <source>Slowly turn your head to your left.</source>
        <translation>Xin Ông/Bà từ từ quay đầu sang trái.</translation>
    </message>
    <message>
        <source>Slowly turn your head to your right.</source>
        <translation>Xin Ông/Bà từ từ quay đầu sang phải.</translation>
    </message>
    <message>
        <source>Slowly turn your head to one side.</source>
        <translation>Xin Ông/Bà từ từ quay đầu sang một bên.</translation>
    </message>
    <message>
        <source>Now look at the camera again.</source>
        <translation>Bây giờ xin Ông/Bà nhìn lại vào camera.</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <source>Please go to the counter</source>
        <translation>Vui lòng đến quầy tiếp nhận</translation>
    </message>
    <message>
        <source>Nothing was sent. Our staff will help you finish your application.</source>
        <translation>Hồ sơ chưa được gửi. Cán bộ sẽ hỗ trợ Ông/Bà hoàn tất thủ tục.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Chữ lớn</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Nghe lại</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>To hơn</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Type your ID number instead</source>
        <translation>Nhập số định danh thay thế</translation>
    </message>
    <message>
        <source>Use the card reader instead</source>
        <translation>Dùng đầu đọc thẻ</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Scan the QR code on your card</source>
        <translation>Quét mã QR trên thẻ của bạn</translation>
    </message>
    <message>
        <source>Type the number instead</source>
        <translation>Nhập số thay vào đó</translation>
    </message>
    <message>
        <source>Show the code of your e-ID app</source>
        <translation>Đưa mã trên ứng dụng định danh điện tử</translation>
    </message>
    <message>
        <source>Reading the chip… {done} of {total}</source>
        <translation>Đang đọc chip… đã đọc {done} trên {total}</translation>
    </message>
    <message>
        <source>Place your card on the reader</source>
        <translation>Đặt thẻ lên đầu đọc</translation>
    </message>
    <message>
        <source>Do not move your card until it is read.</source>
        <translation>Xin Ông/Bà không di chuyển thẻ cho đến khi đọc xong.</translation>
    </message>
    <message>
        <source>Lay your ID card flat on the reader below the screen and leave it there until we say it is read.</source>
        <translation>Đặt thẻ căn cước nằm phẳng trên đầu đọc bên dưới màn hình và giữ nguyên cho đến khi đọc xong.</translation>
    </message>
    <message>
        <source>Type your ID number</source>
        <translation>Nhập số định danh cá nhân</translation>
    </message>
    <message>
        <source>Reading your card… Do not move it.</source>
        <translation>Đang đọc thẻ… Vui lòng không di chuyển thẻ.</translation>
    </message>
    <message>
        <source>Use your e-ID app</source>
        <translation>Dùng ứng dụng VNeID</translation>
    </message>
    <message>
        <source>Type the {length} characters of your ID number. The last one can be the letter X.</source>
        <translation>Nhập {length} ký tự của số căn cước. Ký tự cuối có thể là chữ X.</translation>
    </message>
    <message>
        <source>Type the {length} digits of your personal ID number.</source>
        <translation>Nhập {length} chữ số của số định danh cá nhân.</translation>
    </message>
    <message>
        <source>Open your e-ID app, show its verification code and hold your phone towards the camera, with the code inside the frame.</source>
        <translation>Mở ứng dụng định danh điện tử, hiển thị mã xác thực và hướng điện thoại về phía camera, để mã nằm trong khung.</translation>
    </message>
    <message>
        <source>Show the QR code on your card</source>
        <translation>Đưa mã QR trên thẻ của bạn</translation>
    </message>
    <message>
        <source>Hold the front of your card towards the camera, with the QR code inside the frame.</source>
        <translation>Hướng mặt trước của thẻ về phía camera, để mã QR nằm trong khung.</translation>
    </message>
    <message>
        <source>Take the card off the reader first</source>
        <translation>Hãy lấy thẻ ra khỏi đầu đọc trước</translation>
    </message>
    <message>
        <source>A card is still lying on the reader from before. Take it off, then place your own card.</source>
        <translation>Trên đầu đọc vẫn còn một thẻ của người trước. Ông/Bà hãy lấy thẻ đó ra, rồi đặt thẻ của mình lên.</translation>
    </message>
    <message>
        <source>Waiting for the reader to be empty…</source>
        <translation>Đang chờ đầu đọc trống…</translation>
    </message>
    <message>
        <source>Waiting for your card…</source>
        <translation>Đang chờ thẻ…</translation>
    </message>
    <message>
        <source>Checking your code with the ID office…</source>
        <translation>Đang kiểm tra mã với cơ quan cấp thẻ…</translation>
    </message>
    <message>
        <source>Checking your ID number…</source>
        <translation>Đang kiểm tra số định danh…</translation>
    </message>
    <message>
        <source>The reader is waiting.</source>
        <translation>Đầu đọc đang chờ thẻ.</translation>
    </message>
</context>
<context>
    <name>IdleCountdownOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>Ông/Bà vẫn đang sử dụng máy chứ?</translation>
    </message>
    <message>
        <source>For your privacy, this session will end and what you entered will be erased in</source>
        <translation>Để bảo vệ thông tin cá nhân, phiên làm việc sẽ kết thúc và các thông tin đã nhập sẽ bị xóa sau</translation>
    </message>
    <message>
        <source>I need more time</source>
        <translation>Tôi cần thêm thời gian</translation>
    </message>
    <message>
        <source>second</source>
        <translation>giây</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>giây</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <source>The newest log lines of this run, newest last.</source>
        <translation>Các dòng nhật ký mới nhất của lần chạy này, dòng mới nhất ở cuối.</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Device tests</source>
        <translation>Kiểm tra thiết bị</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Cấu hình</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Ngừng phục vụ</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Kỹ thuật viên</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Nhân viên vận hành</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Mạng</translation>
    </message>
    <message>
        <source>Office look-ups</source>
        <translation>Tra cứu cơ quan cấp thẻ</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Tốt</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Cần xem</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Hỏng</translation>
    </message>
    <message>
        <source>Not watched</source>
        <translation>Không theo dõi</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <source>Card read.</source>
        <translation>Đã đọc thẻ.</translation>
    </message>
    <message>
        <source>No card on the reader.</source>
        <translation>Không có thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>The chip answers but needs its access key (type the CAN of a test card).</source>
        <translation>Chip có trả lời nhưng cần khóa truy cập (nhập CAN của thẻ thử).</translation>
    </message>
    <message>
        <source>The chip refused the access key.</source>
        <translation>Chip từ chối khóa truy cập.</translation>
    </message>
    <message>
        <source>The chip answered, but its data could not be read.</source>
        <translation>Chip có trả lời nhưng không đọc được dữ liệu.</translation>
    </message>
    <message>
        <source>The card reader is not available.</source>
        <translation>Đầu đọc thẻ không sẵn sàng.</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>sắp hết giấy</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>hết giấy</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>nắp mở</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
    <message>
        <source>Queued again: it is tried at the next delivery.</source>
        <translation>Đã xếp lại hàng đợi: sẽ thử ở lần gửi tới.</translation>
    </message>
    <message>
        <source>This application could not be queued again.</source>
        <translation>Không thể xếp lại hồ sơ này vào hàng đợi.</translation>
    </message>
    <message>
        <source>Receipt printed again.</source>
        <translation>Đã in lại biên nhận.</translation>
    </message>
    <message>
        <source>The receipt could not be printed again.</source>
        <translation>Không in lại được biên nhận.</translation>
    </message>
    <message>
        <source>A CAN is digits only.</source>
        <translation>CAN chỉ gồm chữ số.</translation>
    </message>
    <message>
        <source>The stick was removed while writing. Nothing on it looks like a finished export: insert it and write again.</source>
        <translation>USB bị rút ra khi đang ghi. Trên USB không có gì trông như một bản xuất hoàn chỉnh: hãy cắm lại và ghi lại.</translation>
    </message>
    <message>
        <source>The stick is full. What was half-written has been removed: free some space or use another stick.</source>
        <translation>USB đã đầy. Phần ghi dở đã được xóa: hãy giải phóng dung lượng hoặc dùng USB khác.</translation>
    </message>
    <message>
        <source>The stick is write-protected. Slide its lock switch off, or use another stick.</source>
        <translation>USB đang bị chống ghi. Hãy gạt khóa của nó sang mở, hoặc dùng USB khác.</translation>
    </message>
    <message>
        <source>The journal has nothing for this day.</source>
        <translation>Nhật ký không có gì cho ngày này.</translation>
    </message>
    <message>
        <source>The export could not be written. What was half-written has been removed: try again or use another stick.</source>
        <translation>Không ghi được bản xuất. Phần ghi dở đã được xóa: hãy thử lại hoặc dùng USB khác.</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>bị giữ lại</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>đã gửi</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Your card can be renewed from {date}.</source>
        <translation>Thẻ của Ông/Bà có thể được đổi từ ngày {date}.</translation>
    </message>
    <message>
        <source>Your card is still valid for a while. Please come back on or after that day.</source>
        <translation>Thẻ vẫn còn hạn sử dụng. Vui lòng quay lại từ ngày đó trở đi.</translation>
    </message>
    <message>
        <source>Applicants under {age} must come to the counter with a guardian.</source>
        <translation>Người dưới {age} tuổi phải đến quầy cùng người giám hộ.</translation>
    </message>
    <message>
        <source>Please go to the counter with a parent or guardian.</source>
        <translation>Vui lòng đến quầy cùng cha mẹ hoặc người giám hộ.</translation>
    </message>
    <message>
        <source>We could not find the expiry date of your card.</source>
        <translation>Không xác định được ngày hết hạn của thẻ.</translation>
    </message>
    <message>
        <source>Please go to the counter.</source>
        <translation>Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>My card is expiring or has expired</source>
        <translation>Thẻ sắp hết hạn hoặc đã hết hạn</translation>
    </message>
    <message>
        <source>Have your card with you. Fee: {fee}</source>
        <translation>Cần mang theo thẻ. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Renewal: card expiring or expired</source>
        <translation>Đổi thẻ: thẻ sắp hết hạn hoặc đã hết hạn</translation>
    </message>
    <message>
        <source>My card is damaged</source>
        <translation>Thẻ bị hư hỏng</translation>
    </message>
    <message>
        <source>Have your card with you, even if it is broken. Fee: {fee}</source>
        <translation>Cần mang theo thẻ, kể cả khi thẻ đã hỏng. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Replacement: damaged card</source>
        <translation>Đổi thẻ: thẻ bị hư hỏng</translation>
    </message>
    <message>
        <source>I lost my card</source>
        <translation>Tôi bị mất thẻ</translation>
    </message>
    <message>
        <source>You will type your ID number. Fee: {fee}</source>
        <translation>Nhập số định danh cá nhân. Lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Replacement: lost card</source>
        <translation>Cấp lại: thẻ bị mất</translation>
    </message>
    <message>
        <source>Collect at this police station</source>
        <translation>Nhận tại cơ quan công an này</translation>
    </message>
    <message>
        <source>Deliver by post</source>
        <translation>Gửi qua bưu điện</translation>
    </message>
    <message>
        <source>right thumb</source>
        <translation>ngón cái tay phải</translation>
    </message>
    <message>
        <source>right index finger</source>
        <translation>ngón trỏ tay phải</translation>
    </message>
    <message>
        <source>right middle finger</source>
        <translation>ngón giữa tay phải</translation>
    </message>
    <message>
        <source>right ring finger</source>
        <translation>ngón áp út tay phải</translation>
    </message>
    <message>
        <source>right little finger</source>
        <translation>ngón út tay phải</translation>
    </message>
    <message>
        <source>left thumb</source>
        <translation>ngón cái tay trái</translation>
    </message>
    <message>
        <source>left index finger</source>
        <translation>ngón trỏ tay trái</translation>
    </message>
    <message>
        <source>left middle finger</source>
        <translation>ngón giữa tay trái</translation>
    </message>
    <message>
        <source>left ring finger</source>
        <translation>ngón áp út tay trái</translation>
    </message>
    <message>
        <source>left little finger</source>
        <translation>ngón út tay trái</translation>
    </message>
    <message>
        <source>Your application is complete. We will send you a text message when your new card is ready.</source>
        <translation>Hồ sơ đã hoàn tất. Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>Your application was cancelled. Nothing was sent.</source>
        <translation>Hồ sơ đã bị hủy. Không có thông tin nào được gửi đi.</translation>
    </message>
    <message>
        <source>Your session ended because nobody touched the screen for a while.</source>
        <translation>Phiên làm việc đã kết thúc vì không có thao tác trong một thời gian.</translation>
    </message>
    <message>
        <source>You cannot apply at this machine today.</source>
        <translation>Hôm nay Ông/Bà không thể làm thủ tục tại máy này.</translation>
    </message>
    <message>
        <source>Please go to the counter. The staff will help you.</source>
        <translation>Vui lòng đến quầy tiếp nhận. Cán bộ sẽ hỗ trợ Ông/Bà.</translation>
    </message>
    <message>
        <source>We are sorry for the trouble. Please go to the counter.</source>
        <translation>Xin lỗi vì sự bất tiện. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>We could not confirm your face after {tries} tries.</source>
        <translation>Không xác thực được khuôn mặt sau {tries} lần thử.</translation>
    </message>
    <message>
        <source>We could not read your card after {tries} tries.</source>
        <translation>Không đọc được thẻ sau {tries} lần thử.</translation>
    </message>
    <message>
        <source>The details typed did not open the chip of your card after {tries} tries.</source>
        <translation>Thông tin đã nhập không mở được chip của thẻ sau {tries} lần thử.</translation>
    </message>
    <message>
        <source>We could not confirm that the card&apos;s chip is genuine.</source>
        <translation>Chúng tôi không xác nhận được chip của thẻ là chip thật.</translation>
    </message>
    <message>
        <source>We could not confirm your mobile phone number.</source>
        <translation>Chúng tôi không xác nhận được số điện thoại di động của bạn.</translation>
    </message>
    <message>
        <source>We cannot take or confirm the fee here right now.</source>
        <translation>Hiện không thể thu hoặc xác nhận lệ phí tại đây.</translation>
    </message>
    <message>
        <source>This application needs the help of our staff.</source>
        <translation>Hồ sơ này cần cán bộ hỗ trợ.</translation>
    </message>
    <message>
        <source>Bring your ID card and another identity document if you have one.</source>
        <translation>Mang theo thẻ căn cước và giấy tờ tùy thân khác (nếu có).</translation>
    </message>
    <message>
        <source>Bring the card that could not be read.</source>
        <translation>Mang theo thẻ không đọc được.</translation>
    </message>
    <message>
        <source>Bring your card: our staff can open its chip for you.</source>
        <translation>Ông/Bà hãy mang theo thẻ: cán bộ có thể giúp mở chip của thẻ.</translation>
    </message>
    <message>
        <source>This can happen when a chip is damaged. Bring your card and another identity document if you have one.</source>
        <translation>Điều này có thể xảy ra khi chip bị hỏng. Ông/Bà hãy mang theo thẻ này và giấy tờ tùy thân khác (nếu có).</translation>
    </message>
    <message>
        <source>Our staff can check your card by hand. Bring it, and another identity document if you have one.</source>
        <translation>Cán bộ có thể kiểm tra trực tiếp thẻ của Ông/Bà. Ông/Bà hãy mang theo thẻ này và giấy tờ tùy thân khác (nếu có).</translation>
    </message>
    <message>
        <source>Bring your ID card and your mobile phone.</source>
        <translation>Mang theo thẻ căn cước và điện thoại di động của bạn.</translation>
    </message>
    <message>
        <source>If you have already paid, nothing is lost: our staff can see your payment. They will help you finish your application and take the fee.</source>
        <translation>Nếu bạn đã thanh toán, khoản tiền không bị mất: nhân viên có thể thấy khoản thanh toán của bạn. Họ sẽ giúp bạn hoàn tất hồ sơ và thu lệ phí.</translation>
    </message>
    <message>
        <source>Bring any identity document you have with you.</source>
        <translation>Mang theo giấy tờ tùy thân mà Ông/Bà có.</translation>
    </message>
    <message>
        <source>Long-term (no end date)</source>
        <translation>Không thời hạn</translation>
    </message>
    <message>
        <source>{years} years, until {date}</source>
        <translation>{years} năm, đến ngày {date}</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Check character X</source>
        <translation>Ký tự kiểm tra X</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <source>Switched off for maintenance.</source>
        <translation>Tạm ngừng để bảo trì.</translation>
    </message>
    <message>
        <source>The kiosk could not start.</source>
        <translation>Máy không khởi động được.</translation>
    </message>
    <message>
        <source>The camera is not working.</source>
        <translation>Camera không hoạt động.</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>Đầu đọc thẻ không hoạt động.</translation>
    </message>
    <message>
        <source>The receipt printer is not answering.</source>
        <translation>Máy in biên nhận không phản hồi.</translation>
    </message>
    <message>
        <source>The receipt printer is out of paper.</source>
        <translation>Máy in biên nhận đã hết giấy.</translation>
    </message>
    <message>
        <source>The cover of the receipt printer is open.</source>
        <translation>Nắp máy in biên nhận đang mở.</translation>
    </message>
    <message>
        <source>The kiosk cannot write to its storage.</source>
        <translation>Máy không ghi được vào bộ nhớ.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full.</source>
        <translation>Bộ nhớ của máy đã đầy.</translation>
    </message>
    <message>
        <source>The kiosk cannot save applications.</source>
        <translation>Máy không lưu được hồ sơ.</translation>
    </message>
    <message>
        <source>A device needs attention ({code}).</source>
        <translation>Một thiết bị cần được kiểm tra ({code}).</translation>
    </message>
</context>
<context>
    <name>OutOfServicePage</name>
    <message>
        <source>Take out of service</source>
        <translation>Ngừng phục vụ</translation>
    </message>
    <message>
        <source>Back into service</source>
        <translation>Phục vụ trở lại</translation>
    </message>
    <message>
        <source>What citizens see now:</source>
        <translation>Người dân đang thấy:</translation>
    </message>
    <message>
        <source>The service switch is not available.</source>
        <translation>Không dùng được công tắc phục vụ.</translation>
    </message>
    <message>
        <source>Switched off by a technician since {time}.</source>
        <translation>Kỹ thuật viên đã ngừng phục vụ từ {time}.</translation>
    </message>
    <message>
        <source>Out of service because a device failed; it comes back by itself.</source>
        <translation>Ngừng phục vụ do thiết bị hỏng; sẽ tự phục vụ lại khi thiết bị hoạt động.</translation>
    </message>
    <message>
        <source>In service.</source>
        <translation>Đang phục vụ.</translation>
    </message>
    <message>
        <source>The welcome screen (the kiosk serves).</source>
        <translation>Màn hình chào (máy đang phục vụ).</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This machine is out of service.</source>
        <translation>Máy tạm ngừng phục vụ.</translation>
    </message>
    <message>
        <source>Please use the counter. We are sorry for the inconvenience.</source>
        <translation>Vui lòng đến quầy tiếp nhận. Xin lỗi vì sự bất tiện.</translation>
    </message>
    <message>
        <source>For staff: {reason}</source>
        <translation>Dành cho cán bộ: {reason}</translation>
    </message>
</context>
<context>
    <name>PhoneCheckScreen</name>
    <message>
        <source>Type the code we sent to your phone</source>
        <translation>Nhập mã chúng tôi đã gửi đến điện thoại của bạn</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>Gửi mã mới</translation>
    </message>
    <message>
        <source>Go to the counter</source>
        <translation>Đến quầy</translation>
    </message>
    <message>
        <source>Change the number</source>
        <translation>Đổi số điện thoại</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>We sent a text message with a code to {number}.</source>
        <translation>Chúng tôi đã gửi tin nhắn có mã đến số {number}.</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>Đang gửi mã…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>Đang kiểm tra mã…</translation>
    </message>
    <message>
        <source>You can ask for a new code in 1 second.</source>
        <translation>Bạn có thể yêu cầu mã mới sau 1 giây.</translation>
    </message>
    <message>
        <source>You can ask for a new code in {seconds} seconds.</source>
        <translation>Bạn có thể yêu cầu mã mới sau {seconds} giây.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Pay the fee</source>
        <translation>Nộp lệ phí</translation>
    </message>
    <message>
        <source>Back to the review</source>
        <translation>Quay lại trang kiểm tra</translation>
    </message>
    <message>
        <source>Cancel the payment</source>
        <translation>Hủy thanh toán</translation>
    </message>
    <message>
        <source>Show a new code</source>
        <translation>Hiện mã mới</translation>
    </message>
    <message>
        <source>Fee: {amount}</source>
        <translation>Lệ phí: {amount}</translation>
    </message>
    <message>
        <source>Cancelling the payment…</source>
        <translation>Đang hủy thanh toán…</translation>
    </message>
    <message>
        <source>Scan the code with your payment app and pay there. This screen moves on by itself as soon as your payment has arrived.</source>
        <translation>Hãy quét mã bằng ứng dụng thanh toán của bạn và thanh toán trên đó. Màn hình này sẽ tự chuyển tiếp ngay khi nhận được khoản thanh toán.</translation>
    </message>
    <message>
        <source>Asking for your payment code…</source>
        <translation>Đang lấy mã thanh toán của bạn…</translation>
    </message>
    <message>
        <source>The code is valid for {time} more.</source>
        <translation>Mã còn hiệu lực trong {time}.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Maintenance</source>
        <translation>Bảo trì</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>Nhập mã PIN của bạn.</translation>
    </message>
    <message>
        <source>Back to the welcome screen</source>
        <translation>Về màn hình chào</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {time}.</source>
        <translation>Nhập sai PIN quá nhiều lần. Thử lại sau {time}.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Sai mã PIN.</translation>
    </message>
    <message>
        <source>No maintenance PIN is configured on this kiosk.</source>
        <translation>Máy này chưa cấu hình mã PIN bảo trì.</translation>
    </message>
</context>
<context>
    <name>PortraitScreen</name>
    <message>
        <source>Use this photo</source>
        <translation>Dùng ảnh này</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Chụp lại</translation>
    </message>
    <message>
        <source>I have a photo receipt code</source>
        <translation>Tôi có mã biên nhận ảnh</translation>
    </message>
    <message>
        <source>Take the photo here instead</source>
        <translation>Chụp ảnh tại máy</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Type the code instead</source>
        <translation>Nhập mã thay vào đó</translation>
    </message>
    <message>
        <source>Show your photo receipt</source>
        <translation>Đưa phiếu ảnh của bạn</translation>
    </message>
    <message>
        <source>Hold the receipt the photo studio gave you towards the camera, with its code inside the frame.</source>
        <translation>Hướng phiếu mà tiệm ảnh đưa cho bạn về phía camera, để mã nằm trong khung.</translation>
    </message>
    <message>
        <source>Type your photo receipt code</source>
        <translation>Nhập mã biên nhận ảnh</translation>
    </message>
    <message>
        <source>The code is printed on the receipt the photo studio gave you.</source>
        <translation>Mã được in trên biên nhận do tiệm ảnh cung cấp.</translation>
    </message>
    <message>
        <source>Choose your photo</source>
        <translation>Chọn ảnh</translation>
    </message>
    <message>
        <source>This photo will be printed on your new card. Choose the one you like, or take new ones.</source>
        <translation>Ảnh này sẽ được in trên thẻ mới. Chọn ảnh Ông/Bà ưng ý hoặc chụp lại.</translation>
    </message>
    <message>
        <source>Your new photo</source>
        <translation>Chụp ảnh thẻ</translation>
    </message>
    <message>
        <source>Look straight at the camera with your mouth closed. Keep your face inside the oval. The photo is taken automatically.</source>
        <translation>Nhìn thẳng vào camera, ngậm miệng. Giữ khuôn mặt trong khung hình bầu dục. Máy sẽ tự động chụp.</translation>
    </message>
    <message>
        <source>Keep still…</source>
        <translation>Giữ yên…</translation>
    </message>
    <message>
        <source>Taking your photo…</source>
        <translation>Đang chụp ảnh…</translation>
    </message>
    <message>
        <source>Scan the receipt</source>
        <translation>Quét biên nhận</translation>
    </message>
    <message>
        <source>Look straight at the camera</source>
        <translation>Nhìn thẳng vào camera</translation>
    </message>
    <message>
        <source>Fetching your photo from the studio…</source>
        <translation>Đang lấy ảnh từ tiệm ảnh…</translation>
    </message>
    <message>
        <source>Get ready…</source>
        <translation>Chuẩn bị…</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>We did not find a card on the reader.</source>
        <translation>Không tìm thấy thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>Put your card flat on the reader and leave it there, then tap &apos;Try again&apos;.</source>
        <translation>Đặt thẻ nằm phẳng trên đầu đọc và giữ nguyên, sau đó chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>Your card was moved while we were reading it.</source>
        <translation>Thẻ bị di chuyển trong khi đang đọc.</translation>
    </message>
    <message>
        <source>Put your card back on the reader and do not move it until we say so.</source>
        <translation>Đặt lại thẻ lên đầu đọc và không di chuyển cho đến khi có thông báo.</translation>
    </message>
    <message>
        <source>Another card is still lying on the reader.</source>
        <translation>Vẫn còn một thẻ khác trên đầu đọc.</translation>
    </message>
    <message>
        <source>Take it off the reader and give it to our staff if it is not yours. Then tap &apos;Try again&apos;.</source>
        <translation>Ông/Bà hãy lấy thẻ ra khỏi đầu đọc và đưa cho nhân viên nếu đó không phải thẻ của mình. Sau đó chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>This card cannot be read here.</source>
        <translation>Máy không đọc được thẻ này.</translation>
    </message>
    <message>
        <source>Type your ID number instead.</source>
        <translation>Vui lòng nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <source>We could not read the chip of your card.</source>
        <translation>Không đọc được chip của thẻ.</translation>
    </message>
    <message>
        <source>Try again, or type your ID number instead.</source>
        <translation>Thử lại hoặc nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>Đầu đọc thẻ không hoạt động.</translation>
    </message>
    <message>
        <source>Tap &apos;Try again&apos;. If it still does not work, please go to the counter.</source>
        <translation>Chạm “Thử lại”. Nếu vẫn không được, vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <source>Some of the details are not complete.</source>
        <translation>Một số thông tin chưa được nhập đầy đủ.</translation>
    </message>
    <message>
        <source>Fill in every box exactly as it is printed on your card, then tap &apos;Continue&apos;.</source>
        <translation>Ông/Bà hãy điền từng ô đúng như in trên thẻ, rồi chạm “Tiếp tục”.</translation>
    </message>
    <message>
        <source>These details do not open the chip of your card.</source>
        <translation>Các thông tin này không mở được chip của thẻ.</translation>
    </message>
    <message>
        <source>Compare what you typed with your card and correct it.</source>
        <translation>Ông/Bà hãy so sánh thông tin đã nhập với thẻ và sửa lại.</translation>
    </message>
    <message>
        <source>The chip of this card cannot be opened with the number on the front.</source>
        <translation>Không thể mở chip của thẻ này bằng số ở mặt trước.</translation>
    </message>
    <message>
        <source>Choose &apos;Details on the back&apos; and type the three details printed there.</source>
        <translation>Ông/Bà hãy chọn &apos;Thông tin ở mặt sau&apos; và nhập ba thông tin in ở đó.</translation>
    </message>
    <message>
        <source>We could not confirm that the card&apos;s chip is genuine.</source>
        <translation>Chúng tôi không xác nhận được chip của thẻ là chip thật.</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will check your card with you.</source>
        <translation>Vui lòng đến quầy tiếp nhận: cán bộ sẽ cùng Ông/Bà kiểm tra thẻ.</translation>
    </message>
    <message>
        <source>This ID number is not correct.</source>
        <translation>Số định danh không đúng.</translation>
    </message>
    <message>
        <source>Check the number on your documents and correct it.</source>
        <translation>Kiểm tra số trên giấy tờ và sửa lại.</translation>
    </message>
    <message>
        <source>We cannot check ID numbers with the ID office right now.</source>
        <translation>Hiện chưa thể kiểm tra số định danh với cơ quan cấp thẻ.</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will help you there.</source>
        <translation>Vui lòng đến quầy: nhân viên sẽ hỗ trợ bạn.</translation>
    </message>
    <message>
        <source>Tap &apos;Use the card reader instead&apos; to read your card&apos;s chip, or go to the counter.</source>
        <translation>Chạm “Dùng đầu đọc thẻ” để đọc chip trên thẻ của bạn, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>The ID office is very busy right now.</source>
        <translation>Cơ quan cấp thẻ hiện đang rất bận.</translation>
    </message>
    <message>
        <source>Wait a moment and try once more, or go to the counter.</source>
        <translation>Vui lòng chờ một lát rồi thử lại một lần nữa, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>We cannot fetch your studio photo from the ID office right now.</source>
        <translation>Hiện chưa thể lấy ảnh chụp tại tiệm ảnh của bạn từ cơ quan cấp thẻ.</translation>
    </message>
    <message>
        <source>Tap &apos;Take the photo here instead&apos; and the camera will take it, or go to the counter.</source>
        <translation>Chạm “Chụp ảnh tại máy” để máy ảnh chụp cho bạn, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>This e-ID code is not valid any more.</source>
        <translation>Mã định danh điện tử này không còn hiệu lực.</translation>
    </message>
    <message>
        <source>Open your e-ID app for a fresh code and show it again, or type your ID number instead.</source>
        <translation>Mở ứng dụng định danh điện tử để lấy mã mới rồi đưa lại, hoặc nhập số định danh cá nhân.</translation>
    </message>
    <message>
        <source>We cannot check e-ID codes with the ID office right now.</source>
        <translation>Hiện chưa thể kiểm tra mã định danh điện tử với cơ quan cấp thẻ.</translation>
    </message>
    <message>
        <source>Type your ID number instead, or go to the counter.</source>
        <translation>Vui lòng nhập số định danh cá nhân, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>We could not confirm that this e-ID code is yours.</source>
        <translation>Không xác nhận được mã định danh điện tử này là của Ông/Bà.</translation>
    </message>
    <message>
        <source>Look straight at the camera and tap &apos;Try again&apos;, or tap &apos;Use another way&apos;.</source>
        <translation>Hãy nhìn thẳng vào camera rồi chạm “Thử lại”, hoặc chạm “Dùng cách khác”.</translation>
    </message>
    <message>
        <source>We could not confirm that you are the person on the card.</source>
        <translation>Không xác nhận được Ông/Bà là chủ thẻ.</translation>
    </message>
    <message>
        <source>Take off glasses or a hat, look straight at the camera and tap &apos;Try again&apos;.</source>
        <translation>Tháo kính hoặc mũ, nhìn thẳng vào camera rồi chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>We could not confirm that this ID number is yours.</source>
        <translation>Không xác nhận được số định danh này là của Ông/Bà.</translation>
    </message>
    <message>
        <source>If you mistyped it, tap &apos;Change the ID number&apos;. Otherwise look straight at the camera and tap &apos;Try again&apos;.</source>
        <translation>Nếu nhập nhầm, Ông/Bà hãy chạm “Sửa số định danh”. Nếu không, hãy nhìn thẳng vào camera rồi chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>We cannot see your face.</source>
        <translation>Không nhìn thấy khuôn mặt.</translation>
    </message>
    <message>
        <source>Stand in front of the screen, look at the camera and tap &apos;Try again&apos;.</source>
        <translation>Đứng trước màn hình, nhìn vào camera rồi chạm “Thử lại”.</translation>
    </message>
    <message>
        <source>We could not confirm that a live person is in front of the camera.</source>
        <translation>Chúng tôi chưa xác nhận được có người thật đứng trước camera.</translation>
    </message>
    <message>
        <source>Tap &apos;Try again&apos;, then follow the instructions on the picture: blink, and turn your head slowly when asked.</source>
        <translation>Ông/Bà hãy chạm “Thử lại”, rồi làm theo hướng dẫn trên hình: chớp mắt, và từ từ quay đầu khi được yêu cầu.</translation>
    </message>
    <message>
        <source>The camera is not working.</source>
        <translation>Camera không hoạt động.</translation>
    </message>
    <message>
        <source>We could not take a good photo.</source>
        <translation>Không chụp được ảnh đạt yêu cầu.</translation>
    </message>
    <message>
        <source>Look straight at the camera, keep still and tap &apos;Retake&apos;.</source>
        <translation>Nhìn thẳng vào camera, giữ yên rồi chạm “Chụp lại”.</translation>
    </message>
    <message>
        <source>We found no photo for this code.</source>
        <translation>Không tìm thấy ảnh với mã này.</translation>
    </message>
    <message>
        <source>Check the code on your photo receipt and type it again.</source>
        <translation>Kiểm tra mã trên biên nhận ảnh và nhập lại.</translation>
    </message>
    <message>
        <source>The camera did not see the code.</source>
        <translation>Camera không nhìn thấy mã.</translation>
    </message>
    <message>
        <source>Try again and hold the code inside the frame, or type it instead.</source>
        <translation>Hãy thử lại và giữ mã trong khung, hoặc nhập mã bằng tay.</translation>
    </message>
    <message>
        <source>We did not feel a finger on the scanner.</source>
        <translation>Chúng tôi không thấy ngón tay trên máy quét.</translation>
    </message>
    <message>
        <source>Tap &apos;Scan again&apos;, then press your finger on the glass.</source>
        <translation>Chạm &apos;Quét lại&apos;, rồi ấn ngón tay lên mặt kính.</translation>
    </message>
    <message>
        <source>Only part of your finger was on the scanner.</source>
        <translation>Chỉ một phần ngón tay nằm trên máy quét.</translation>
    </message>
    <message>
        <source>Place your finger flat, in the middle of the glass.</source>
        <translation>Đặt ngón tay nằm phẳng, ở giữa mặt kính.</translation>
    </message>
    <message>
        <source>The fingerprint is too faint.</source>
        <translation>Vân tay quá mờ.</translation>
    </message>
    <message>
        <source>Press a little harder and keep still.</source>
        <translation>Ấn mạnh hơn một chút và giữ yên.</translation>
    </message>
    <message>
        <source>The fingerprint is smudged.</source>
        <translation>Vân tay bị nhòe.</translation>
    </message>
    <message>
        <source>Wipe your finger clean and dry, then press again.</source>
        <translation>Lau sạch và khô ngón tay, rồi ấn lại.</translation>
    </message>
    <message>
        <source>We could not read this finger.</source>
        <translation>Chúng tôi không đọc được ngón tay này.</translation>
    </message>
    <message>
        <source>Please use the finger shown now instead.</source>
        <translation>Vui lòng dùng ngón tay đang được hiển thị.</translation>
    </message>
    <message>
        <source>The fingerprint scanner is not working.</source>
        <translation>Máy quét vân tay không hoạt động.</translation>
    </message>
    <message>
        <source>This is not a mobile phone number.</source>
        <translation>Đây không phải số điện thoại di động.</translation>
    </message>
    <message>
        <source>Type your mobile number again: it has {digits} digits.</source>
        <translation>Nhập lại số điện thoại di động ({digits} chữ số).</translation>
    </message>
    <message>
        <source>Your studio photo does not meet the rules for ID card photos.</source>
        <translation>Ảnh chụp ở tiệm ảnh của bạn không đạt yêu cầu của ảnh thẻ căn cước.</translation>
    </message>
    <message>
        <source>This is not the code we sent.</source>
        <translation>Đây không phải mã chúng tôi đã gửi.</translation>
    </message>
    <message>
        <source>Look at the text message on your phone and type its code again.</source>
        <translation>Xem tin nhắn trên điện thoại và nhập lại mã trong đó.</translation>
    </message>
    <message>
        <source>The code was wrong too many times.</source>
        <translation>Bạn đã nhập sai mã quá nhiều lần.</translation>
    </message>
    <message>
        <source>Tap &apos;Change the number&apos; to use another mobile number, or go to the counter.</source>
        <translation>Chạm “Đổi số điện thoại” để dùng số di động khác, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>This code is no longer valid.</source>
        <translation>Mã này không còn hiệu lực.</translation>
    </message>
    <message>
        <source>Tap &apos;Send a new code&apos; and type the code of the new text message.</source>
        <translation>Chạm “Gửi mã mới” và nhập mã trong tin nhắn mới.</translation>
    </message>
    <message>
        <source>We cannot send more codes to your phone.</source>
        <translation>Chúng tôi không thể gửi thêm mã đến điện thoại của bạn.</translation>
    </message>
    <message>
        <source>We cannot send a code to your phone right now.</source>
        <translation>Hiện chúng tôi không thể gửi mã đến điện thoại của bạn.</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will finish your application.</source>
        <translation>Vui lòng đến quầy: nhân viên sẽ giúp bạn hoàn tất hồ sơ.</translation>
    </message>
    <message>
        <source>We need the address to send your card to.</source>
        <translation>Cần có địa chỉ để gửi thẻ.</translation>
    </message>
    <message>
        <source>Type the full address: street, number and city.</source>
        <translation>Nhập địa chỉ đầy đủ: số nhà, đường phố và tỉnh/thành phố.</translation>
    </message>
    <message>
        <source>Please agree to the privacy terms first.</source>
        <translation>Vui lòng đồng ý với điều khoản bảo vệ dữ liệu cá nhân.</translation>
    </message>
    <message>
        <source>Tick the box &apos;I agree&apos; on this screen.</source>
        <translation>Đánh dấu vào ô “Tôi đồng ý” trên màn hình này.</translation>
    </message>
    <message>
        <source>Please sign first.</source>
        <translation>Vui lòng ký tên.</translation>
    </message>
    <message>
        <source>Sign with your finger in the white box.</source>
        <translation>Ký bằng ngón tay trong ô màu trắng.</translation>
    </message>
    <message>
        <source>Your application could not be saved. Nothing was sent.</source>
        <translation>Không lưu được hồ sơ. Chưa có thông tin nào được gửi đi.</translation>
    </message>
    <message>
        <source>The printer could not print your receipt.</source>
        <translation>Máy in không in được biên nhận.</translation>
    </message>
    <message>
        <source>Your application is saved. Please write down the number, or keep it on your phone as a QR code.</source>
        <translation>Hồ sơ của bạn đã được lưu. Vui lòng ghi lại số hồ sơ, hoặc lưu mã QR vào điện thoại.</translation>
    </message>
    <message>
        <source>The time to pay with this code has run out. Nothing was charged.</source>
        <translation>Đã hết thời gian thanh toán bằng mã này. Bạn chưa bị trừ tiền.</translation>
    </message>
    <message>
        <source>Tap &apos;Show a new code&apos; to pay now, or go back to the review.</source>
        <translation>Chạm &apos;Hiện mã mới&apos; để thanh toán ngay, hoặc quay lại trang kiểm tra.</translation>
    </message>
    <message>
        <source>The payment was cancelled. Nothing was charged.</source>
        <translation>Thanh toán đã bị hủy. Bạn chưa bị trừ tiền.</translation>
    </message>
    <message>
        <source>The payment service is very busy right now.</source>
        <translation>Dịch vụ thanh toán hiện đang rất bận.</translation>
    </message>
    <message>
        <source>Wait a moment and tap &apos;Show a new code&apos;, or go to the counter.</source>
        <translation>Chờ một lát rồi chạm &apos;Hiện mã mới&apos;, hoặc đến quầy.</translation>
    </message>
    <message>
        <source>The number must have {length} characters; you typed {typed}.</source>
        <translation>Số phải có {length} ký tự; Ông/Bà đã nhập {typed}.</translation>
    </message>
    <message>
        <source>Only digits are allowed (and X only as the last character).</source>
        <translation>Chỉ được nhập chữ số (X chỉ ở vị trí cuối cùng).</translation>
    </message>
    <message>
        <source>The first digits are not the code of a known region.</source>
        <translation>Các chữ số đầu không phải mã địa phương hợp lệ.</translation>
    </message>
    <message>
        <source>The date of birth inside the number is not possible.</source>
        <translation>Ngày sinh trong số định danh không hợp lệ.</translation>
    </message>
    <message>
        <source>The last character does not match the others: a digit may be mistyped.</source>
        <translation>Ký tự cuối không khớp với các chữ số khác: có thể đã nhập sai một chữ số.</translation>
    </message>
    <message>
        <source>Only digits are allowed.</source>
        <translation>Chỉ được nhập chữ số.</translation>
    </message>
    <message>
        <source>Compare every digit with your card, from the first: the mistyped one can be anywhere.</source>
        <translation>Hãy đối chiếu từng chữ số với thẻ, bắt đầu từ chữ số đầu tiên: chữ số gõ nhầm có thể ở bất kỳ vị trí nào.</translation>
    </message>
    <message>
        <source>You can try one more time.</source>
        <translation>Còn một lần thử.</translation>
    </message>
    <message>
        <source>You can try {count} more times.</source>
        <translation>Còn {count} lần thử.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Đã xảy ra lỗi.</translation>
    </message>
    <message>
        <source>Please try again, or go to the counter.</source>
        <translation>Vui lòng thử lại hoặc đến quầy tiếp nhận.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>The queue is not available.</source>
        <translation>Không truy cập được hàng đợi.</translation>
    </message>
    <message>
        <source>Queued {queued} · parked {parked} · delivered {delivered} · oldest waiting {age}</source>
        <translation>Đang chờ {queued} · bị giữ {parked} · đã gửi {delivered} · chờ lâu nhất {age}</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>In lại biên nhận</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Your application has been submitted</source>
        <translation>Hồ sơ đã được nộp</translation>
    </message>
    <message>
        <source>Your application number:</source>
        <translation>Số hồ sơ:</translation>
    </message>
    <message>
        <source>Take your receipt below the screen.</source>
        <translation>Vui lòng lấy biên nhận ở phía dưới màn hình.</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera and keep it: it holds your application number.</source>
        <translation>Hãy quét mã này bằng camera điện thoại và lưu lại: mã chứa số hồ sơ của bạn.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>I have noted the number</source>
        <translation>Tôi đã ghi lại số</translation>
    </message>
    <message>
        <source>Show the receipt</source>
        <translation>Hiện biên nhận</translation>
    </message>
    <message>
        <source>QR code for my phone</source>
        <translation>Mã QR cho điện thoại</translation>
    </message>
    <message>
        <source>We will send you a text message when your new card is ready.</source>
        <translation>Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
    <message>
        <source>Keep the receipt. We will send you a text message when your new card is ready.</source>
        <translation>Vui lòng giữ biên nhận. Chúng tôi sẽ gửi tin nhắn khi thẻ mới đã sẵn sàng.</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Choose your province</source>
        <translation>Chọn tỉnh, thành phố của bạn</translation>
    </message>
    <message>
        <source>Choose your city</source>
        <translation>Chọn thành phố của bạn</translation>
    </message>
    <message>
        <source>Choose your district or county</source>
        <translation>Chọn quận, huyện của bạn</translation>
    </message>
    <message>
        <source>Choose your ward or commune</source>
        <translation>Chọn phường, xã của bạn</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Xem thêm</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Please check your application</source>
        <translation>Vui lòng kiểm tra hồ sơ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation>Cách nhận thẻ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>Change photo</source>
        <translation>Đổi ảnh</translation>
    </message>
    <message>
        <source>Change contact</source>
        <translation>Sửa liên hệ</translation>
    </message>
    <message>
        <source>You agreed that your data and photo are used only to make your new ID card.</source>
        <translation>Bạn đã đồng ý cho sử dụng thông tin và ảnh của bạn chỉ để làm thẻ mới.</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>Ký lại</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>Nộp hồ sơ</translation>
    </message>
</context>
<context>
    <name>ScanGuidance</name>
    <message>
        <source>Hold the code inside the frame.</source>
        <translation>Giữ mã trong khung.</translation>
    </message>
    <message>
        <source>This is not the code we need here.</source>
        <translation>Đây không phải mã cần dùng ở đây.</translation>
    </message>
    <message>
        <source>We cannot use this code. Show another one.</source>
        <translation>Không dùng được mã này. Hãy đưa mã khác.</translation>
    </message>
    <message>
        <source>Code read.</source>
        <translation>Đã đọc được mã.</translation>
    </message>
</context>
<context>
    <name>ScriptKeypad</name>
    <message>
        <source>Type pinyin, then tap the characters above the keys</source>
        <translation>Gõ bính âm, rồi chạm chọn chữ Hán phía trên bàn phím</translation>
    </message>
    <message>
        <source>Telex: aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ; tone: s f r x j</source>
        <translation>Kiểu gõ Telex: aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ; dấu: s f r x j</translation>
    </message>
    <message>
        <source>Type the street and house number</source>
        <translation>Nhập số nhà và tên đường</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Dấu cách</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>Street, number, building</source>
        <translation>Số nhà, tên đường, tòa nhà</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>Ký tên tại đây</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Check now</source>
        <translation>Kiểm tra ngay</translation>
    </message>
    <message>
        <source>Device health is not watched on this kiosk.</source>
        <translation>Máy này không theo dõi tình trạng thiết bị.</translation>
    </message>
    <message>
        <source>Out of service: {reasons}</source>
        <translation>Ngừng phục vụ: {reasons}</translation>
    </message>
    <message>
        <source>In service.</source>
        <translation>Đang phục vụ.</translation>
    </message>
    <message>
        <source>Switched off by a technician since {time}.</source>
        <translation>Kỹ thuật viên đã ngừng phục vụ từ {time}.</translation>
    </message>
    <message>
        <source>Reason given: {reason}</source>
        <translation>Lý do: {reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Từ lúc</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Lúc</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step {current} of {total}</source>
        <translation>Bước {current}/{total}</translation>
    </message>
</context>
<context>
    <name>SubmitScreen</name>
    <message>
        <source>Please do not leave: your receipt comes next.</source>
        <translation>Vui lòng chờ: biên nhận sẽ được in ngay sau đây.</translation>
    </message>
    <message>
        <source>Saving your application…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <source>Your application is saved. Preparing your receipt…</source>
        <translation>Hồ sơ đã được lưu. Đang chuẩn bị biên nhận…</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Đang in biên nhận…</translation>
    </message>
    <message>
        <source>Almost done…</source>
        <translation>Sắp xong…</translation>
    </message>
</context>
<context>
    <name>TextKeypad</name>
    <message>
        <source>Space</source>
        <translation>Dấu cách</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Type the address with the keys below</source>
        <translation>Nhập địa chỉ bằng các phím bên dưới (không dấu)</translation>
    </message>
    <message>
        <source>Letters and digits, as on the card</source>
        <translation>Chữ cái và chữ số, đúng như trên thẻ</translation>
    </message>
</context>
<context>
    <name>VersionsPage</name>
    <message>
        <source>Restart closes the devices and the queue and starts the kiosk again.</source>
        <translation>Khởi động lại sẽ đóng các thiết bị và hàng đợi rồi chạy lại máy.</translation>
    </message>
    <message>
        <source>Tap again to restart</source>
        <translation>Chạm lần nữa để khởi động lại</translation>
    </message>
    <message>
        <source>Restart the application</source>
        <translation>Khởi động lại ứng dụng</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Renew your ID card</source>
        <translation>Làm thẻ căn cước</translation>
    </message>
    <message>
        <source>Have ready: your ID card (if you still have it) and your mobile phone.</source>
        <translation>Chuẩn bị sẵn: thẻ căn cước (nếu còn) và điện thoại di động.</translation>
    </message>
    <message>
        <source>Choose your language to start:</source>
        <translation>Chọn ngôn ngữ để bắt đầu:</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Chữ lớn</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <source>Voice guidance</source>
        <translation>Hướng dẫn bằng giọng nói</translation>
    </message>
    <message>
        <source>Expiring, damaged or lost card: about {minutes} minutes.</source>
        <translation>Thẻ sắp hết hạn, hư hỏng hoặc bị mất: khoảng {minutes} phút.</translation>
    </message>
    <message>
        <source>A card has been left on the card reader.</source>
        <translation>Có một thẻ bị bỏ quên trên đầu đọc thẻ.</translation>
    </message>
    <message>
        <source>If it is yours, please take it. If not, please give it to our staff.</source>
        <translation>Nếu là thẻ của Ông/Bà, vui lòng lấy lại. Nếu không, vui lòng đưa cho nhân viên.</translation>
    </message>
</context>
</TS>
